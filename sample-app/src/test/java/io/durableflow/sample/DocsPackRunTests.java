package io.durableflow.sample;

import java.util.Map;

import io.durableflow.DurableFlow;
import io.durableflow.StartOptions;
import io.durableflow.testing.DurableFlowTester;
import io.durableflow.testing.EnableDurableFlowTesting;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The docs pack's workflows run on the app's own check actions, driven by the test (no
 * background workers). The documents have no links, so the link check makes no request.
 */
@SpringBootTest(properties = { "sample.embedded-postgres.data-dir=", "durableflow.worker.enabled=false" })
@EnableDurableFlowTesting
class DocsPackRunTests {

	private static final String FLAWED = "Teh plan was written by the team.";

	/** Six typos: more findings than the pack's review_threshold (5). */
	private static final String VERY_FLAWED = "Teh team will recieve the seperate adress untill Friday, wich is late.";

	@Autowired
	DurableFlow flow;

	@Autowired
	DurableFlowTester tester;

	@Test
	void theSequentialChecksRunOneAfterTheOtherAndCountEachKindOfFinding() {
		String runId = start("docs.sequential_checks", FLAWED);

		this.tester.runUntilIdle();

		this.tester.assertRun(runId)
			.isCompleted()
			.hasStepSucceeded("typos")
			.hasStepSucceeded("style")
			.hasStepSucceeded("links")
			.hasStepSucceeded("summary");
		assertThat(output(runId)).containsEntry("typos", 1)
			.containsEntry("style_findings", 1)
			.containsEntry("broken_links", 0)
			.containsEntry("links_checked", true)
			.containsEntry("outcome", "checked");
	}

	@Test
	void theReviewAcceptsACleanDocumentAndNotesAFewFindings() {
		String clean = start("docs.review_checks", "Short and clear.");
		String flawed = start("docs.review_checks", FLAWED);

		this.tester.runUntilIdle();

		this.tester.assertRun(clean)
			.isCompleted()
			.hasStepSucceeded("broken_links")
			.hasStepSucceeded("typos")
			.hasStepSucceeded("style")
			.hasStepSucceeded("accept");
		assertThat(output(clean)).containsEntry("findings", 0).containsEntry("verdict", "accepted");
		this.tester.assertRun(flawed).isCompleted().hasStepSucceeded("note_findings");
		assertThat(output(flawed)).containsEntry("findings", 2).containsEntry("verdict", "needs work");
	}

	@Test
	void manyFindingsAskAnEditorWhoseAnswerDecides() {
		String accepted = start("docs.review_checks", VERY_FLAWED);
		String refused = start("docs.review_checks", VERY_FLAWED);
		this.tester.runUntilIdle();
		this.tester.assertRun(accepted)
			.isWaitingForEvent("durableflow.inquiry", Map.of("run_id", accepted, "step", "ask_editor"));

		answer(accepted, true);
		answer(refused, false);

		this.tester.assertRun(accepted).isCompleted().hasStepSucceeded("accept");
		assertThat(output(accepted)).containsEntry("findings", 6).containsEntry("verdict", "accepted");
		this.tester.assertRun(refused).isCompleted().hasStepSucceeded("note_findings");
		assertThat(output(refused)).containsEntry("verdict", "needs work");
	}

	private void answer(String runId, boolean accept) {
		assertThat(this.tester.notifyAndDrain("durableflow.inquiry",
				Map.of("run_id", runId, "step", "ask_editor", "response", Map.of("accept", accept))))
			.isEqualTo(1);
	}

	private String start(String ref, String body) {
		return this.flow.start(ref, Map.of("title", "Plan", "body", body), StartOptions.defaults()).runId();
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> output(String runId) {
		return this.flow.find(runId).orElseThrow().output(Map.class);
	}

}
