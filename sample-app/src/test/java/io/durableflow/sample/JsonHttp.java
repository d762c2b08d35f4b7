package io.durableflow.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.core.env.Environment;

/** Real HTTP against the app under test, JSON in and out. */
@TestComponent
class JsonHttp {

	private final HttpClient client = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	private final Environment environment;

	JsonHttp(Environment environment) {
		this.environment = environment;
	}

	Response get(String path) throws Exception {
		return send(HttpRequest.newBuilder(uri(path)).GET());
	}

	/** The body of a GET as it came (a JSON array, say). */
	String raw(String path) throws Exception {
		return this.client.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString())
			.body();
	}

	Response post(String path, Object body, String... headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(this.json.writeValueAsString(body)));
		for (int i = 0; i + 1 < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return send(request);
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.environment.getProperty("local.server.port") + path);
	}

	@SuppressWarnings("unchecked")
	private Response send(HttpRequest.Builder request) throws Exception {
		HttpResponse<String> response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		Map<String, Object> body = response.body().isBlank() ? Map.of()
				: this.json.readValue(response.body(), Map.class);
		return new Response(response.statusCode(), body);
	}

	record Response(int status, Map<String, Object> body) {
	}

}
