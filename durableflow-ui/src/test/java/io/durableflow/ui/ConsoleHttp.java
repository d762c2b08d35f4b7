package io.durableflow.ui;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.durableflow.ui.app.UiTestApp;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the UI test host on a random port and talks to it over real HTTP. */
final class ConsoleHttp implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private final HttpClient client = HttpClient.newHttpClient();

	private final String base;

	ConsoleHttp(String... properties) {
		this(TestDatabase.newDatabase(), properties);
	}

	/** The test host plus {@code extra} configuration. */
	static ConsoleHttp with(Class<?> extra, String... properties) {
		return new ConsoleHttp(TestDatabase.newDatabase(), properties, extra);
	}

	/** Another instance on the database of {@code first}. */
	static ConsoleHttp on(ConsoleHttp first, String... properties) {
		return new ConsoleHttp(first.jdbcUrl(), properties);
	}

	private ConsoleHttp(String jdbcUrl, String[] properties, Class<?>... extra) {
		String[] args = new String[properties.length + 4];
		args[0] = "--spring.datasource.url=" + jdbcUrl;
		args[1] = "--server.port=0";
		args[2] = "--spring.main.banner-mode=off";
		args[3] = "--durableflow.worker.poll-interval=200ms";
		for (int i = 0; i < properties.length; i++) {
			args[i + 4] = "--" + properties[i];
		}
		Class<?>[] sources = new Class<?>[extra.length + 1];
		sources[0] = UiTestApp.class;
		System.arraycopy(extra, 0, sources, 1, extra.length);
		this.context = new SpringApplicationBuilder(sources).run(args);
		this.base = "http://localhost:" + this.context.getEnvironment().getProperty("local.server.port");
	}

	String jdbcUrl() {
		return this.context.getEnvironment().getProperty("spring.datasource.url");
	}

	ConfigurableApplicationContext context() {
		return this.context;
	}

	HttpResponse<String> get(String path, String... headers) throws Exception {
		return send(HttpRequest.newBuilder(URI.create(this.base + path)).GET(), headers);
	}

	HttpResponse<String> post(String path, String body, String... headers) throws Exception {
		return send(HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)), headers);
	}

	/** A request with any method, body and content type. */
	HttpResponse<String> send(String method, String path, String contentType, String body, String... headers)
			throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		return send(request, headers);
	}

	static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	private HttpResponse<String> send(HttpRequest.Builder request, String... headers) throws Exception {
		for (int i = 0; i < headers.length; i += 2) {
			request.setHeader(headers[i], headers[i + 1]);
		}
		return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Override
	public void close() {
		this.context.close();
	}

}
