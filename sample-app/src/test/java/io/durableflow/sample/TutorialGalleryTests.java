package io.durableflow.sample;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;
import io.durableflow.sample.checks.BrokenLinks;
import io.durableflow.sample.checks.Finding;
import io.durableflow.testing.DurableFlowTester;
import io.durableflow.testing.EnableDurableFlowTesting;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tutorials over HTTP: real handlers, platform-template runs, 409/429/404 as problem
 * details.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sample.embedded-postgres.data-dir=", "durableflow.worker.enabled=false" })
@EnableDurableFlowTesting
@Import(JsonHttp.class)
class TutorialGalleryTests {

	@Autowired
	DurableFlowTester tester;

	@Autowired
	JsonHttp http;

	@Autowired
	BrokenLinks brokenLinks;

	@Test
	void aTutorialRunsTheRealHandlerAsAPlaygroundRunOfTheUser() throws Exception {
		JsonHttp.Response started = this.http.post("/tutorials/audit-typos/start", Map.of(), "X-User", "ada");
		assertThat(started.status()).isEqualTo(201);
		String runId = (String) started.body().get("runId");
		this.tester.runUntilIdle();
		this.tester.assertRun(runId).isCompleted().hasLog("Checked");
		Map<String, Object> run = this.http.get("/durableflow/api/runs/" + runId).body();
		assertThat(run).containsEntry("hostingMode", "platform_template")
			.containsEntry("lifecycleStage", "playground")
			.containsEntry("userId", "ada")
			.containsEntry("tutorialSlug", "audit-typos");
		assertThat((List<?>) ((Map<?, ?>) run.get("output")).get("findings")).hasSize(3);
	}

	@Test
	void aDuplicateAndAnUnknownTutorialAreProblemDetails() throws Exception {
		assertThat(this.http.post("/tutorials/check-links/start", Map.of(), "X-User", "bob").status()).isEqualTo(201);
		JsonHttp.Response duplicate = this.http.post("/tutorials/check-links/start", Map.of(), "X-User", "bob");
		assertThat(duplicate.status()).isEqualTo(409);
		assertThat(duplicate.body()).containsEntry("title", "This tutorial is already running for you");
		// other users are not affected by bob's run (the cap of three is tested in the
		// starter, with four slugs)
		assertThat(this.http.post("/tutorials/check-links/start", Map.of(), "X-User", "carol").status()).isEqualTo(201);
		// once bob's run has finished, he may start it again
		this.tester.runUntilIdle();
		assertThat(this.http.post("/tutorials/check-links/start", Map.of(), "X-User", "bob").status()).isEqualTo(201);
		JsonHttp.Response unknown = this.http.post("/tutorials/juggling/start", Map.of(), "X-User", "bob");
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(this.http.post("/tutorials/style-guide/start", Map.of()).status()).isEqualTo(400);
	}

	@Test
	void brokenLinksFindsDeadAndMissingLinksOnALocalServer() throws Exception {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/ok", (exchange) -> {
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		server.createContext("/gone", (exchange) -> {
			exchange.sendResponseHeaders(410, -1);
			exchange.close();
		});
		server.start();
		try {
			String base = "http://127.0.0.1:" + server.getAddress().getPort();
			List<Finding> findings = this.brokenLinks
				.check("See " + base + "/ok, " + base + "/gone and http://127.0.0.1:9/closed.");
			assertThat(findings).extracting(Finding::text)
				.anySatisfy((text) -> assertThat(text).startsWith(base + "/gone -> HTTP 410"))
				.anySatisfy((text) -> assertThat(text).startsWith("http://127.0.0.1:9/closed -> "))
				.noneSatisfy((text) -> assertThat(text).startsWith(base + "/ok"));
		}
		finally {
			server.stop(0);
		}
	}

}
