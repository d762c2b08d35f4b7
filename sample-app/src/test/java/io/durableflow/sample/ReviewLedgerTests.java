package io.durableflow.sample;

import java.time.Duration;
import java.util.Map;

import io.durableflow.sample.documents.DocumentRepository;
import io.durableflow.sample.review.ReviewLedger;
import io.durableflow.testing.DurableFlowTester;
import io.durableflow.testing.EnableDurableFlowTesting;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The review's {@code publish_verdict} is a transactional step: the document's decision,
 * its {@code review_ledger} row and the step's record commit together. When the ledger
 * refuses the row, the decision is rolled back with it and the step retries; once it
 * commits there is exactly one row. Same settings as {@link DocumentReviewTests}, so the
 * two share one application context.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "durableflow.worker.enabled=false", "sample.embedded-postgres.data-dir=",
				"sample.review.cool-down=1h", "sample.review.approval-timeout=2d" })
@EnableDurableFlowTesting
@Import(JsonHttp.class)
class ReviewLedgerTests {

	@Autowired
	JsonHttp http;

	@Autowired
	DurableFlowTester tester;

	@Autowired
	DocumentRepository documents;

	@Autowired
	ReviewLedger ledger;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void aDecisionAndItsLedgerRowCommitTogetherOrNotAtAll() throws Exception {
		JsonHttp.Response created = this.http.post("/documents", Map.of("title", "Flawed", "body", "We recieve mail."));
		String runId = (String) created.body().get("runId");
		long id = ((Number) created.body().get("documentId")).longValue();
		this.tester.runUntilIdle();
		this.tester.advance(Duration.ofHours(1));
		// the ledger refuses rejections for a while: the step's insert fails after the
		// document was marked rejected in the same transaction
		this.jdbc.execute("ALTER TABLE review_ledger ADD CONSTRAINT no_rejections_yet CHECK (published) NOT VALID");
		try {
			this.tester.advance(Duration.ofDays(2));
			this.tester.assertRun(runId).hasStepAttempts("publish_verdict", 1);
			assertThat(this.documents.findById(id).orElseThrow().getStatus()).isEqualTo("in_review");
			assertThat(this.ledger.entries(id)).isEmpty();
		}
		finally {
			this.jdbc.execute("ALTER TABLE review_ledger DROP CONSTRAINT no_rejections_yet");
		}
		// the retry commits the decision and one row
		this.tester.advance(Duration.ofMinutes(1));
		this.tester.assertRun(runId).isCompleted().hasStepAttempts("publish_verdict", 2);
		assertThat(this.documents.findById(id).orElseThrow().getStatus()).isEqualTo("rejected");
		assertThat(this.ledger.entries(id)).singleElement().satisfies((row) -> {
			assertThat(row).containsEntry("run_id", runId)
				.containsEntry("published", false)
				.containsEntry("findings", 1);
			assertThat((String) row.get("verdict")).startsWith("rejected:");
		});
		// a replay of the finished run writes nothing more
		this.tester.runUntilIdle();
		assertThat(this.ledger.entries(id)).hasSize(1);
	}

}
