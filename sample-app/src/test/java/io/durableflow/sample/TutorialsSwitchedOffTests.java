package io.durableflow.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.durableflow.tutorials.Tutorials;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With tutorials switched off the sample still starts: an empty gallery, and no tutorial
 * to start.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "sample.embedded-postgres.data-dir=",
		"durableflow.worker.enabled=false", "durableflow.tutorials.enabled=false" })
class TutorialsSwitchedOffTests {

	private final HttpClient client = HttpClient.newHttpClient();

	@Value("${local.server.port}")
	int port;

	@Autowired
	ApplicationContext context;

	@Test
	void theGalleryIsEmptyAndEveryTutorialIsUnknown() throws Exception {
		assertThat(this.context.getBeanProvider(Tutorials.class).getIfAvailable()).isNull();
		HttpResponse<String> gallery = send(HttpRequest.newBuilder(uri("/")).GET());
		assertThat(gallery.statusCode()).isEqualTo(200);
		assertThat(gallery.body()).doesNotContain("data-slug=");
		HttpResponse<String> catalog = send(HttpRequest.newBuilder(uri("/tutorials")).GET());
		assertThat(catalog.statusCode()).isEqualTo(200);
		assertThat(catalog.body()).isEqualTo("[]");
		HttpResponse<String> start = send(HttpRequest.newBuilder(uri("/tutorials/check-links/start"))
			.header("X-User", "ada")
			.POST(HttpRequest.BodyPublishers.noBody()));
		assertThat(start.statusCode()).isEqualTo(404);
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

}
