package io.durableflow.change;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.durableflow.WorkflowChange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A run's changes reach listeners in commit order even when two threads record them: a
 * claim committed right after the insert, recorded by another thread before the run's
 * "created" change, is held back and handed on right after it. Nobody waits.
 */
class ChangeRecorderTests {

	private final ChangeRecorder recorder = new ChangeRecorder();

	private final List<String> heard = new CopyOnWriteArrayList<>();

	ChangeRecorderTests() {
		this.recorder.addListener((changes) -> changes.forEach((change) -> this.heard
			.add(change.runId() + " " + change.type() + " " + change.snapshot().get("status"))));
	}

	@AfterEach
	void stop() throws InterruptedException {
		this.recorder.stop();
	}

	@Test
	void aClaimRecordedBeforeTheRunsCreationGoesOutRightAfterIt() {
		ChangeRecorder.Announcement announcement = this.recorder.announcing("r-1");
		// another thread's claim, recorded first: its recorder call returns at once
		this.recorder.record(List.of(run("r-1", false, "running"), run("r-2", false, "running")));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.heard.contains("r-2 workflow_run.updated running"));
		assertThat(this.heard).containsExactly("r-2 workflow_run.updated running");
		this.recorder.record(List.of(run("r-1", true, "pending")));
		announcement.close();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.heard.size() == 3);
		assertThat(this.heard).containsExactly("r-2 workflow_run.updated running", "r-1 workflow_run.created pending",
				"r-1 workflow_run.updated running");
		// announced and created: what comes later is not held
		this.recorder.record(List.of(run("r-1", false, "completed")));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.heard.size() == 4);
	}

	@Test
	void anInsertThatCreatedNothingLetsWhatWasHeldGo() throws Exception {
		// a start whose id existed already, or whose transaction rolled back: no
		// "created" change comes
		ChangeRecorder.Announcement announcement = this.recorder.announcing("r-3");
		this.recorder.record(List.of(run("r-3", false, "cancelled")));
		assertHeldBack("r-3 workflow_run.updated cancelled");
		announcement.close();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.heard.contains("r-3 workflow_run.updated cancelled"));
		announcement.close();
		this.recorder.record(List.of(run("r-3", false, "completed")));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.heard.contains("r-3 workflow_run.updated completed"));
	}

	@Test
	void theRunsCreatorIsNeverHeldUpByItsOwnAnnouncement() {
		try (ChangeRecorder.Announcement announcement = this.recorder.announcing("r-4")) {
			// one list with the creation and what followed it in the same transaction
			this.recorder.record(List.of(run("r-4", true, "pending"), run("r-4", false, "cancelled")));
			await().atMost(Duration.ofSeconds(5)).until(() -> this.heard.size() == 2);
		}
		assertThat(this.heard).containsExactly("r-4 workflow_run.created pending",
				"r-4 workflow_run.updated cancelled");
	}

	@Test
	void twoStartsWithOneIdHoldTheRunUntilBothAreOver() throws Exception {
		ChangeRecorder.Announcement first = this.recorder.announcing("r-5");
		ChangeRecorder.Announcement second = this.recorder.announcing("r-5");
		this.recorder.record(List.of(run("r-5", false, "running")));
		first.close();
		assertHeldBack("r-5 workflow_run.updated running");
		second.close();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.heard.contains("r-5 workflow_run.updated running"));
	}

	@Test
	void nothingIsHeldWhenNobodyListens() throws Exception {
		ChangeRecorder quiet = new ChangeRecorder();
		try {
			assertThat(quiet.announcing("r-6")).isSameAs(ChangeRecorder.Announcement.NONE);
		}
		finally {
			quiet.stop();
		}
	}

	@Test
	void anAnnouncementNobodyClosesHoldsNothingPastTheLimit() throws Exception {
		ChangeRecorder impatient = new ChangeRecorder(Duration.ofMillis(300));
		List<String> got = new CopyOnWriteArrayList<>();
		impatient.addListener((changes) -> changes.forEach((change) -> got.add(change.snapshot().get("status") + "")));
		try {
			impatient.announcing("r-7");
			// the limit counts from the first change held, not from the announcement
			Thread.sleep(400);
			impatient.record(List.of(run("r-7", false, "running")));
			impatient.record(List.of(run("marker", false, "marker")));
			await().atMost(Duration.ofSeconds(5)).until(() -> got.contains("marker"));
			assertThat(got).containsExactly("marker");
			Thread.sleep(400);
			impatient.record(List.of(run("r-7", false, "completed")));
			await().atMost(Duration.ofSeconds(5)).until(() -> got.size() == 3);
			assertThat(got).containsExactly("marker", "running", "completed");
		}
		finally {
			impatient.stop();
		}
	}

	/**
	 * Not heard yet although a change recorded after it was (the listeners' thread keeps
	 * order).
	 */
	private void assertHeldBack(String change) {
		String marker = "marker-" + System.nanoTime();
		this.recorder.record(List.of(run(marker, false, "marker")));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.heard.contains(marker + " workflow_run.updated marker"));
		assertThat(this.heard).doesNotContain(change);
	}

	private static WorkflowChange run(String runId, boolean created, String status) {
		return WorkflowChange.of(WorkflowChange.RUN, created, runId, "wf", runId, Map.of("status", status),
				Instant.now());
	}

}
