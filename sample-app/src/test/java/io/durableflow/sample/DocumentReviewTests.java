package io.durableflow.sample;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.durableflow.DurableFlow;
import io.durableflow.QueueView;
import io.durableflow.sample.documents.DocumentRepository;
import io.durableflow.WorkflowChange;
import io.durableflow.testing.DurableFlowTester;
import io.durableflow.testing.EnableDurableFlowTesting;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The review, driven through time by the test: no background scheduler, a clock the test
 * moves, and the app's own HTTP API. Runs on a fresh embedded PostgreSQL.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "durableflow.worker.enabled=false", "sample.embedded-postgres.data-dir=",
				"sample.review.cool-down=1h", "sample.review.approval-timeout=2d" })
@EnableDurableFlowTesting
@Import(JsonHttp.class)
class DocumentReviewTests {

	@Autowired
	JsonHttp http;

	@Autowired
	DurableFlowTester tester;

	@Autowired
	DocumentRepository documents;

	@Autowired
	DurableFlow flow;

	@Test
	void aDocumentIsCheckedCoolsDownWaitsForApprovalAndIsPublished() throws Exception {
		String runId = submit("Plan", "Teh plan was written by the team.");
		assertThat(tester.latestRunOf("document-review")).contains(runId);
		List<WorkflowChange> changes = tester.captureChanges(tester::runUntilIdle);
		assertThat(changes).filteredOn((change) -> runId.equals(change.runId()))
			.extracting(WorkflowChange::type)
			.contains("workflow_step.created", "workflow_log.created");
		tester.assertRun(runId)
			.isSleepingAt("cool_down")
			.hasStepSucceeded("check_typos")
			.hasLog("info", "Checks done", Map.of("typos", 1, "style_findings", 1));
		tester.advanceToNextWakeUp(runId);
		long id = Long.parseLong(runId.substring("review-".length()));
		tester.assertRun(runId).isWaitingForEvent("document.approved", Map.of("document_id", (int) id));

		JsonHttp.Response approved = this.http.post("/documents/" + id + "/approve", Map.of("by", "ada"));
		assertThat(approved.body()).containsEntry("matched", 1);
		tester.runUntilIdle();

		tester.assertRun(runId).isCompleted();
		Map<?, ?> output = (Map<?, ?>) this.http.get("/durableflow/api/runs/" + runId).body().get("output");
		assertThat(output.get("published")).isEqualTo(true);
		assertThat(output.get("approvedBy")).isEqualTo("ada");
		assertThat(this.documents.findById(id)).get().satisfies((document) -> {
			assertThat(document.getStatus()).isEqualTo("published");
			assertThat(document.getApprovedBy()).isEqualTo("ada");
			assertThat(document.getVerdict()).isEqualTo("approved by ada despite 2 findings");
		});
	}

	@Test
	void withoutApprovalACleanDocumentIsPublishedAndAFlawedOneRejected() throws Exception {
		String clean = submit("Clean", "Short and clear.");
		String flawed = submit("Flawed", "We recieve mail.");
		tester.runUntilIdle();
		tester.advance(Duration.ofHours(1));
		tester.advance(Duration.ofDays(2));
		tester.assertRun(clean).isCompleted().hasLog("warn", "No approval in time", Map.of("timeout", "PT48H"));
		tester.assertRun(flawed).isCompleted();
		assertThat(status(clean)).isEqualTo("published");
		assertThat(status(flawed)).isEqualTo("rejected");
		tester.assertRun(flawed).hasStepResult("publish_verdict", Void.class, null);
	}

	@Test
	void aSecondCheckOfTheSameKindWhileTheFirstRunsIsAConflictNamingIt() throws Exception {
		String runId = submit("Checked", "Short and clear.");
		long id = Long.parseLong(runId.substring("review-".length()));
		JsonHttp.Response first = this.http.post("/documents/" + id + "/checks/typo_check", Map.of());
		assertThat(first.status()).isEqualTo(201);
		// in the queue of checks, taking turns with the document's other checks
		assertThat(this.http.get("/durableflow/api/runs/" + first.body().get("runId")).body())
			.containsEntry("queue", "checks")
			.containsEntry("concurrencyKey", "document-" + id);

		// workers are off here: the first check has not run yet
		JsonHttp.Response second = this.http.post("/documents/" + id + "/checks/typo_check", Map.of());
		assertThat(second.status()).isEqualTo(409);
		assertThat(second.body()).containsEntry("existingRunId", first.body().get("runId"));
		// another kind of check is another matter
		assertThat(this.http.post("/documents/" + id + "/checks/broken_links", Map.of()).status()).isEqualTo(201);

		tester.runUntilIdle();
		assertThat(this.http.post("/documents/" + id + "/checks/typo_check", Map.of()).status()).isEqualTo(201);
	}

	@Test
	void theChecksQueueTakesTwoChecksAtOnceAndOnePerDocument() {
		QueueView checks = this.flow.queues()
			.stream()
			.filter((queue) -> queue.name().equals("checks"))
			.findFirst()
			.orElseThrow();
		assertThat(checks.concurrency()).isEqualTo(2);
		assertThat(checks.concurrencyPerKey()).isEqualTo(1);
		assertThat(checks.description()).contains("POST /documents/{id}/checks/{handler}");
	}

	@Test
	void badSubmissionsAreProblemDetailsAndStartNothing() throws Exception {
		long before = this.documents.count();
		JsonHttp.Response missing = this.http.post("/documents", Map.of("body", "no title"));
		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.body()).containsEntry("detail", "A document needs a non-blank \"title\" and a \"body\"");
		assertThat(this.http.get("/documents/999999").status()).isEqualTo(404);
		assertThat(this.documents.count()).isEqualTo(before);
	}

	private String submit(String title, String body) throws Exception {
		JsonHttp.Response created = this.http.post("/documents", Map.of("title", title, "body", body));
		assertThat(created.status()).isEqualTo(201);
		return (String) created.body().get("runId");
	}

	private String status(String runId) {
		long id = Long.parseLong(runId.substring("review-".length()));
		return this.documents.findById(id).orElseThrow().getStatus();
	}

}
