package io.durableflow.live;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.durableflow.WorkflowChange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A run's changes reach listeners in commit order even when two threads record them: a claim
 * committed right after the insert, by another thread, waits for the run's "created" change.
 */
class ChangeRecorderTests {

	private final ChangeRecorder recorder = new ChangeRecorder(10_000);

	private final List<String> heard = new CopyOnWriteArrayList<>();

	ChangeRecorderTests() {
		this.recorder.addListener((changes) -> changes.forEach((change) -> this.heard.add(change.runId() + " "
				+ change.type() + " " + change.snapshot().get("status"))));
	}

	@AfterEach
	void stop() throws InterruptedException {
		this.recorder.destroy();
	}

	@Test
	void aClaimRecordedBeforeTheRunsCreationWaitsForIt() throws Exception {
		ChangeRecorder.Announcement announcement = this.recorder.announcing("r-1");
		Thread claimer = new Thread(() -> this.recorder.record(List.of(run("r-1", false, "running"))));
		claimer.start();
		// the claim is held back while the insert's change has not been recorded...
		claimer.join(300);
		assertThat(claimer.isAlive()).isTrue();
		this.recorder.record(List.of(run("r-2", false, "running")));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.heard.contains("r-2 workflow_run.updated running"));
		assertThat(this.heard).doesNotContain("r-1 workflow_run.updated running");
		// ...and goes out right after it
		this.recorder.record(List.of(run("r-1", true, "pending")));
		claimer.join(5_000);
		assertThat(claimer.isAlive()).isFalse();
		announcement.close();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.heard.size() == 3);
		assertThat(this.heard).containsExactly("r-2 workflow_run.updated running", "r-1 workflow_run.created pending",
				"r-1 workflow_run.updated running");
	}

	@Test
	void anInsertThatCreatedNothingLetsTheRunsOtherChangesGo() throws Exception {
		// a start whose id existed already, or whose transaction rolled back: no "created" change comes
		ChangeRecorder.Announcement announcement = this.recorder.announcing("r-3");
		Thread other = new Thread(() -> this.recorder.record(List.of(run("r-3", false, "cancelled"))));
		other.start();
		other.join(200);
		assertThat(other.isAlive()).isTrue();
		announcement.close();
		other.join(5_000);
		assertThat(other.isAlive()).isFalse();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.heard.contains("r-3 workflow_run.updated cancelled"));
	}

	@Test
	void theRunsCreatorIsNeverHeldUpByItsOwnAnnouncement() {
		try (ChangeRecorder.Announcement announcement = this.recorder.announcing("r-4")) {
			// one list with the creation and what followed it in the same transaction
			this.recorder.record(List.of(run("r-4", true, "pending"), run("r-4", false, "cancelled")));
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> this.heard.size() == 2);
		assertThat(this.heard).containsExactly("r-4 workflow_run.created pending", "r-4 workflow_run.updated cancelled");
		// announced and created: later changes go at once
		long started = System.nanoTime();
		this.recorder.record(List.of(run("r-4", false, "cancelled")));
		assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(5_000);
	}

	@Test
	void aSecondAnnouncementOfTheSameRunLeavesTheFirstInCharge() throws Exception {
		ChangeRecorder.Announcement first = this.recorder.announcing("r-5");
		ChangeRecorder.Announcement second = this.recorder.announcing("r-5");
		second.close();
		Thread claimer = new Thread(() -> this.recorder.record(List.of(run("r-5", false, "running"))));
		claimer.start();
		claimer.join(200);
		assertThat(claimer.isAlive()).isTrue();
		first.close();
		claimer.join(5_000);
		assertThat(claimer.isAlive()).isFalse();
	}

	@Test
	void nothingIsHeldWhenNobodyListens() throws Exception {
		ChangeRecorder quiet = new ChangeRecorder(10_000);
		try {
			assertThat(quiet.announcing("r-6")).isSameAs(ChangeRecorder.Announcement.NONE);
		}
		finally {
			quiet.destroy();
		}
	}

	@Test
	void aChangeGoesOutAfterTheWaitEvenIfTheCreatorNeverSaysSo() throws Exception {
		ChangeRecorder impatient = new ChangeRecorder(100);
		List<String> got = new CopyOnWriteArrayList<>();
		impatient.addListener((changes) -> changes.forEach((change) -> got.add(change.runId())));
		try {
			impatient.announcing("r-7");
			impatient.record(List.of(run("r-7", false, "running")));
			await().atMost(Duration.ofSeconds(5)).until(() -> got.contains("r-7"));
		}
		finally {
			impatient.destroy();
		}
	}

	private static WorkflowChange run(String runId, boolean created, String status) {
		return WorkflowChange.of(WorkflowChange.RUN, created, runId, "wf", runId, Map.of("status", status), Instant.now());
	}

}
