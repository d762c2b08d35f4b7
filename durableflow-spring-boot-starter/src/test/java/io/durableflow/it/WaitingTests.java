package io.durableflow.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.durableflow.DurableFlow;
import io.durableflow.InvalidRunStateException;
import io.durableflow.RunStatus;
import io.durableflow.StartOptions;
import io.durableflow.WorkflowRunView;
import io.durableflow.WorkflowTimeline;
import io.durableflow.it.WaitingWorkflows.Approval;
import io.durableflow.it.WaitingWorkflows.ParentInput;
import io.durableflow.test.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static io.durableflow.it.Contexts.awaitStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WaitingTests {

	private static final Duration WITHIN = Duration.ofSeconds(20);

	static ConfigurableApplicationContext context;

	static DurableFlow flow;

	static JdbcTemplate jdbc;

	@BeforeAll
	static void start() {
		context = Contexts.start(TestDatabase.newDatabase());
		flow = context.getBean(DurableFlow.class);
		jdbc = context.getBean(JdbcTemplate.class);
	}

	@AfterAll
	static void stop() {
		context.close();
	}

	@Test
	void aMatchingEventResumesTheWaitingRunWithItsPayload() {
		String runId = flow.start("approval", new Approval("doc-1", 60_000), StartOptions.defaults()).runId();
		awaitStatus(flow, runId, RunStatus.WAITING, WITHIN);
		assertThat(flow.notify("doc.approved", Map.of("doc", "doc-2", "by", "mallory"))).isZero();
		assertThat(flow.notify("doc.rejected", Map.of("doc", "doc-1"))).isZero();
		assertThat(flow.notify("doc.approved", Map.of("doc", "doc-1", "by", "alice", "extra", 1))).isEqualTo(1);
		WorkflowRunView view = awaitStatus(flow, runId, RunStatus.COMPLETED, WITHIN);
		assertThat(view.output(String.class)).isEqualTo("approved by alice");
		assertThat(jdbc.queryForObject("SELECT count(*) FROM durableflow.workflow_events WHERE event_name LIKE 'doc.%'",
				Integer.class))
			.isGreaterThanOrEqualTo(3);
		assertThat(Probe.count(runId, "submit")).isEqualTo(1);
		// the same event again matches nothing: the wait was consumed
		assertThat(flow.notify("doc.approved", Map.of("doc", "doc-1", "by", "alice"))).isZero();
	}

	@Test
	void aMatchComparesWholeJsonValuesNotContainment() {
		String runId = flow.start("approval", new Approval("doc-json", 60_000), StartOptions.defaults()).runId();
		awaitStatus(flow, runId, RunStatus.WAITING, WITHIN);
		assertThat(flow.notify("doc.approved", Map.of("doc", List.of("doc-json")))).isZero();
		assertThat(flow.notify("doc.approved", Map.of("doc", "doc-json", "by", "bob"))).isEqualTo(1);
		assertThat(awaitStatus(flow, runId, RunStatus.COMPLETED, WITHIN).output(String.class))
			.isEqualTo("approved by bob");
	}

	@Test
	void aWaitThatTimesOutReturnsEmptyAndTheRunGoesOn() {
		String runId = flow.start("approval", new Approval("doc-late", 300), StartOptions.defaults()).runId();
		WorkflowRunView view = awaitStatus(flow, runId, RunStatus.COMPLETED, WITHIN);
		assertThat(view.output(String.class)).isEqualTo("timed out");
		assertThat(jdbc.queryForObject("SELECT status FROM durableflow.workflow_waits WHERE run_id = ?", String.class,
				runId))
			.isEqualTo("timed_out");
		assertThat(flow.notify("doc.approved", Map.of("doc", "doc-late"))).isZero();
	}

	@Test
	void racingNotifiesConsumeOneWaitExactlyOnce() throws Exception {
		String runId = flow.start("approval", new Approval("doc-race", 60_000), StartOptions.defaults()).runId();
		awaitStatus(flow, runId, RunStatus.WAITING, WITHIN);
		ExecutorService pool = Executors.newFixedThreadPool(16);
		try {
			CountDownLatch go = new CountDownLatch(1);
			List<Future<Integer>> results = new ArrayList<>();
			for (int i = 0; i < 32; i++) {
				String by = "racer-" + i;
				Callable<Integer> notify = () -> {
					go.await();
					return flow.notify("doc.approved", Map.of("doc", "doc-race", "by", by));
				};
				results.add(pool.submit(notify));
			}
			go.countDown();
			int matched = 0;
			for (Future<Integer> result : results) {
				matched += result.get(20, TimeUnit.SECONDS);
			}
			assertThat(matched).isEqualTo(1);
		}
		finally {
			pool.shutdownNow();
		}
		String output = awaitStatus(flow, runId, RunStatus.COMPLETED, WITHIN).output(String.class);
		Long eventId = jdbc.queryForObject("SELECT event_id FROM durableflow.workflow_waits WHERE run_id = ?",
				Long.class, runId);
		String winner = jdbc.queryForObject("SELECT payload->>'by' FROM durableflow.workflow_events WHERE id = ?",
				String.class, eventId);
		assertThat(output).isEqualTo("approved by " + winner);
	}

	@Test
	void anEventArrivingWhileTheRunReplaysIsNotLost() throws Exception {
		String runId = flow.start("approval", new Approval("doc-replay", 60_000), StartOptions.defaults()).runId();
		awaitStatus(flow, runId, RunStatus.WAITING, WITHIN);
		CountDownLatch hold = new CountDownLatch(1);
		CountDownLatch held = new CountDownLatch(1);
		WaitingWorkflows.heldBeforeWait.put(runId, held);
		WaitingWorkflows.holdBeforeWait.put(runId, hold);
		// something makes the run replay while its wait is pending (as a lease takeover
		// would)
		jdbc.update("UPDATE durableflow.workflow_runs SET status = 'pending', next_due_at = now() WHERE run_id = ?",
				runId);
		context.getBean(io.durableflow.notify.WakeChannel.class).publish();
		assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
		// the replay read the wait as still pending; the event lands before it parks
		// again
		assertThat(flow.notify("doc.approved", Map.of("doc", "doc-replay", "by", "carol"))).isEqualTo(1);
		hold.countDown();
		assertThat(awaitStatus(flow, runId, RunStatus.COMPLETED, Duration.ofSeconds(10)).output(String.class))
			.isEqualTo("approved by carol");
	}

	@Test
	void aParentGetsItsChildsOutputAndTheChildIsLinked() {
		String parent = flow.start("parent", new ParentInput(21, 0, 30_000), StartOptions.defaults()).runId();
		assertThat(awaitStatus(flow, parent, RunStatus.COMPLETED, WITHIN).output(String.class))
			.isEqualTo("completed:42");
		WorkflowRunView child = flow.find(parent + "/child").orElseThrow();
		assertThat(child.parentRunId()).isEqualTo(parent);
		assertThat(jdbc.queryForObject("SELECT count(*) FROM durableflow.workflow_runs WHERE parent_run_id = ?",
				Integer.class, parent))
			.isEqualTo(1);
	}

	@Test
	void aChildThatFinishedBeforeTheWaitIsSeenAtOnce() {
		String parent = flow.start("parent", new ParentInput(5, 1_000, 30_000), StartOptions.defaults()).runId();
		assertThat(awaitStatus(flow, parent, RunStatus.COMPLETED, WITHIN).output(String.class))
			.isEqualTo("completed:10");
		assertThat(jdbc.queryForObject(
				"SELECT count(*) FROM durableflow.workflow_waits WHERE run_id = ? AND step_name = 'wait-child'",
				Integer.class, parent))
			.isZero();
	}

	@Test
	void aFailedChildReturnsItsErrorToTheParentWhichDoesNotHang() {
		String parent = flow.start("parent", new ParentInput(-1, 0, 60_000), StartOptions.defaults()).runId();
		assertThat(awaitStatus(flow, parent, RunStatus.COMPLETED, WITHIN).output(String.class))
			.isEqualTo("failed:negative_input");
	}

	@Test
	void aCancelledChildReturnsCancelledToTheParent() {
		String parent = flow.start("parent", new ParentInput(0, 0, 60_000), StartOptions.defaults()).runId();
		awaitStatus(flow, parent + "/child", RunStatus.SLEEPING, WITHIN);
		awaitStatus(flow, parent, RunStatus.WAITING, WITHIN);
		flow.cancel(parent + "/child", "not needed", "ops@example.com");
		assertThat(awaitStatus(flow, parent, RunStatus.COMPLETED, WITHIN).output(String.class))
			.isEqualTo("cancelled:cancelled");
	}

	@Test
	void cancellingAParentCancelsItsUnfinishedChildren() {
		String parent = flow.start("parent", new ParentInput(0, 0, 60_000), StartOptions.defaults()).runId();
		awaitStatus(flow, parent + "/child", RunStatus.SLEEPING, WITHIN);
		awaitStatus(flow, parent, RunStatus.WAITING, WITHIN);
		flow.cancel(parent, "customer left", "ops@example.com");
		assertThat(flow.find(parent).orElseThrow().status()).isEqualTo(RunStatus.CANCELLED);
		WorkflowRunView child = flow.find(parent + "/child").orElseThrow();
		assertThat(child.status()).isEqualTo(RunStatus.CANCELLED);
		assertThat(child.error().orElseThrow().message()).contains("parent run " + parent + " was cancelled");
		Map<String, Object> action = jdbc.queryForMap(
				"SELECT operator_actions->0->>'action' AS action, operator_actions->0->>'by' AS by, "
						+ "operator_actions->0->>'reason' AS reason FROM durableflow.workflow_runs WHERE run_id = ?",
				parent);
		assertThat(action).containsEntry("action", "cancel")
			.containsEntry("by", "ops@example.com")
			.containsEntry("reason", "customer left");
	}

	@Test
	void fanOutRunsChildrenBoundedAndCollectsOutcomesInOrder() {
		String runId = flow.start("fan", List.of(1, 2, 3, 4, 5), StartOptions.defaults()).runId();
		List<Object> outcomes = List.copyOf(awaitStatus(flow, runId, RunStatus.COMPLETED, WITHIN).output(List.class));
		assertThat(outcomes).containsExactly("completed:2", "completed:4", "completed:6", "completed:8",
				"completed:10");
		assertThat(jdbc.queryForObject("SELECT count(*) FROM durableflow.workflow_runs WHERE parent_run_id = ?",
				Integer.class, runId))
			.isEqualTo(5);
	}

	@Test
	void logsOutsideStepsAreStoredOnceAndStepLogsCarryTheirStep() {
		String runId = flow.start("chatty", "hello", StartOptions.defaults()).runId();
		awaitStatus(flow, runId, RunStatus.COMPLETED, WITHIN);
		WorkflowTimeline timeline = flow.timeline(runId);
		assertThat(timeline.runLogs()).extracting(WorkflowTimeline.LogEntry::message)
			.containsExactly("starting", "finishing");
		assertThat(timeline.runLogs().get(0).data()).containsEntry("input", "hello");
		WorkflowTimeline.StepEntry work = timeline.steps().get(0);
		assertThat(work.name()).isEqualTo("work");
		assertThat(work.logs()).singleElement().satisfies((log) -> {
			assertThat(log.level()).isEqualTo("warn");
			assertThat(log.stepName()).isEqualTo("work");
		});
		assertThat(timeline.items()).extracting(WorkflowTimeline.TimelineItem::type).contains("step", "log");
		assertThat(timeline.items())
			.isSortedAccordingTo(java.util.Comparator.comparing(WorkflowTimeline.TimelineItem::at));
	}

	@Test
	void theTimelineShowsAWaitWithItsMatchedEvent() {
		String runId = flow.start("approval", new Approval("doc-tl", 60_000), StartOptions.defaults()).runId();
		awaitStatus(flow, runId, RunStatus.WAITING, WITHIN);
		flow.notify("doc.approved", Map.of("doc", "doc-tl", "by", "dave"));
		awaitStatus(flow, runId, RunStatus.COMPLETED, WITHIN);
		WorkflowTimeline.StepEntry wait = flow.timeline(runId)
			.steps()
			.stream()
			.filter((s) -> s.name().equals("approved"))
			.findFirst()
			.orElseThrow();
		assertThat(wait.kind()).isEqualTo("wait");
		assertThat(wait.waits()).singleElement().satisfies((w) -> {
			assertThat(w.status()).isEqualTo("matched");
			assertThat(w.match()).containsEntry("doc", "doc-tl");
		});
		assertThat(wait.events()).singleElement().satisfies((e) -> assertThat(e.payload()).containsEntry("by", "dave"));
		assertThatThrownBy(() -> flow.timeline("no-such-run")).isInstanceOf(io.durableflow.RunNotFoundException.class);
	}

	@Test
	void retryStepResumesAFailedRunFromItsFailedStep() {
		WaitingWorkflows.fragileFixed = false;
		String runId = flow.start("fragile", "x", StartOptions.defaults()).runId();
		assertThat(awaitStatus(flow, runId, RunStatus.FAILED, WITHIN).error().orElseThrow().code())
			.isEqualTo("upstream_down");
		assertThatThrownBy(() -> flow.retryStep(runId, "prepare")).isInstanceOf(InvalidRunStateException.class)
			.hasMessageContaining("Step 'prepare'")
			.hasMessageContaining("is completed");
		assertThat(flow.find(runId).orElseThrow().status()).isEqualTo(RunStatus.FAILED);
		WaitingWorkflows.fragileFixed = true;
		flow.retryStep(runId, "call", "ops@example.com");
		assertThat(awaitStatus(flow, runId, RunStatus.COMPLETED, WITHIN).output(String.class)).isEqualTo("recovered");
		assertThat(Probe.count(runId, "prepare")).isEqualTo(1);
		assertThat(Probe.count(runId, "call")).isEqualTo(2);
		assertThatThrownBy(() -> flow.retryStep(runId, "call")).isInstanceOf(InvalidRunStateException.class)
			.hasMessageContaining("is completed and cannot be retried");
		assertThat(jdbc.queryForObject(
				"SELECT operator_actions->0->>'step' FROM durableflow.workflow_runs WHERE run_id = ?", String.class,
				runId))
			.isEqualTo("call");
	}

}
