package io.durableflow.it;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.durableflow.DurableFlow;
import io.durableflow.RunStatus;
import io.durableflow.StartOptions;
import io.durableflow.WorkflowChange;
import io.durableflow.it.TestWorkflows.Order;
import io.durableflow.it.WaitingWorkflows.Approval;
import io.durableflow.test.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static io.durableflow.it.Contexts.awaitStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every committed change is published after commit, in commit order per run; a rollback
 * publishes nothing.
 */
class ChangeStreamTests {

	static ConfigurableApplicationContext context;

	static DurableFlow flow;

	static ChangeCollector changes;

	@BeforeAll
	static void start() {
		context = Contexts.start(TestDatabase.newDatabase());
		flow = context.getBean(DurableFlow.class);
		changes = context.getBean(ChangeCollector.class);
	}

	@AfterAll
	static void stop() {
		ChangeCollector.explode = false;
		context.close();
	}

	@Test
	void aRunsChangesArriveInCommitOrder() {
		String runId = flow.start("three-steps", new Order("c-1", 2), StartOptions.defaults()).runId();
		awaitStatus(flow, runId, RunStatus.COMPLETED, Duration.ofSeconds(10));
		await().atMost(Duration.ofSeconds(5)).until(() -> changes.of(runId).size() >= 6);
		List<String> seen = changes.of(runId)
			.stream()
			.map((c) -> c.type() + ":" + c.snapshot().getOrDefault("name", c.snapshot().get("status")))
			.toList();
		assertThat(seen).containsExactly("workflow_run.created:pending", "workflow_run.updated:running",
				"workflow_step.created:double", "workflow_step.created:note", "workflow_step.created:audit",
				"workflow_run.updated:completed");
		WorkflowChange completed = changes.of(runId).get(5);
		assertThat(completed.workflowName()).isEqualTo("three-steps");
		assertThat(completed.isRunLevel()).isTrue();
		assertThat(completed.payload()).containsEntry("runId", runId).containsKey("snapshot");
	}

	@Test
	void underConcurrentStartsEveryRunIsAnnouncedBeforeAnythingElseIsSaidOfIt() throws Exception {
		// many starts at once go through shared commits on both writer threads, and the
		// runs they create are claimed at once, often by a commit of the other writer:
		// its "running" must still come second
		int clients = 8;
		int perClient = 40;
		List<String> runIds = new java.util.concurrent.CopyOnWriteArrayList<>();
		List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
		java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
		List<Thread> threads = new java.util.ArrayList<>();
		for (int c = 0; c < clients; c++) {
			int client = c;
			Thread thread = new Thread(() -> {
				try {
					go.await();
					for (int i = 0; i < perClient; i++) {
						runIds.add(flow
							.start("three-steps", new Order("burst-" + client + "-" + i, 1), StartOptions.defaults())
							.runId());
					}
				}
				catch (Throwable ex) {
					failures.add(ex);
				}
			});
			thread.start();
			threads.add(thread);
		}
		go.countDown();
		for (Thread thread : threads) {
			thread.join();
		}
		assertThat(failures).isEmpty();
		assertThat(runIds).hasSize(clients * perClient);
		await().atMost(Duration.ofSeconds(60))
			.until(() -> runIds.stream()
				.allMatch((id) -> changes.of(id)
					.stream()
					.anyMatch((c) -> c.isRunLevel() && "completed".equals(c.snapshot().get("status")))));
		for (String runId : runIds) {
			List<String> run = changes.of(runId)
				.stream()
				.filter(WorkflowChange::isRunLevel)
				.map((c) -> c.type() + ":" + c.snapshot().get("status"))
				.toList();
			assertThat(run).as("run-level changes of %s", runId)
				.containsExactly("workflow_run.created:pending", "workflow_run.updated:running",
						"workflow_run.updated:completed");
		}
	}

	@Test
	void waitsEventsAndLogsAreChangesToo() {
		String runId = flow.start("approval", new Approval("doc-ch", 60_000), StartOptions.defaults()).runId();
		awaitStatus(flow, runId, RunStatus.WAITING, Duration.ofSeconds(10));
		flow.notify("doc.approved", Map.of("doc", "doc-ch", "by", "zed"));
		awaitStatus(flow, runId, RunStatus.COMPLETED, Duration.ofSeconds(10));
		await().atMost(Duration.ofSeconds(5))
			.until(() -> changes.of(runId)
				.stream()
				.anyMatch((c) -> "completed".equals(c.snapshot().get("status")) && c.isRunLevel()));
		assertThat(changes.of(runId)).extracting(WorkflowChange::type)
			.contains("workflow_wait.created", "workflow_wait.updated", "workflow_step.created",
					"workflow_step.updated");
	}

	@Test
	void aRolledBackStartPublishesNothing() {
		TransactionTemplate tx = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
		tx.executeWithoutResult((status) -> {
			flow.start("three-steps", new Order("rb", 1), StartOptions.builder().runId("rolled-back-run").build());
			status.setRollbackOnly();
		});
		String committed = flow.start("three-steps", new Order("after", 1), StartOptions.defaults()).runId();
		awaitStatus(flow, committed, RunStatus.COMPLETED, Duration.ofSeconds(10));
		await().atMost(Duration.ofSeconds(5)).until(() -> changes.of(committed).size() >= 6);
		assertThat(changes.of("rolled-back-run")).isEmpty();
	}

	@Test
	void aRunStartedInACallersTransactionIsAnnouncedUntilItCommits() throws Exception {
		// what a claim on another thread does between that commit and the "created"
		// change going out
		io.durableflow.change.ChangeRecorder recorder = context.getBean(io.durableflow.change.ChangeRecorder.class);
		TransactionTemplate tx = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
		String runId = "announced-" + java.util.UUID.randomUUID();
		tx.executeWithoutResult((status) -> {
			flow.start("three-steps", new Order("tx", 1),
					StartOptions.builder().runId(runId).delay(Duration.ofHours(1)).build());
			Thread other = new Thread(() -> recorder.record(List.of(WorkflowChange.of(WorkflowChange.RUN, false, runId,
					"three-steps", runId, Map.of("status", "cancelled"), java.time.Instant.now()))));
			other.start();
			try {
				other.join(5_000);
				Thread.sleep(200);
			}
			catch (InterruptedException ex) {
				throw new IllegalStateException(ex);
			}
			assertThat(other.isAlive()).as("recording never waits").isFalse();
			assertThat(changes.of(runId)).as("held back until the start commits").isEmpty();
		});
		await().atMost(Duration.ofSeconds(5)).until(() -> changes.of(runId).size() == 2);
		assertThat(changes.of(runId)).extracting(WorkflowChange::type)
			.containsExactly("workflow_run.created", "workflow_run.updated");
		flow.cancel(runId, "test done");
	}

	@Test
	void startingARunThatExistsHoldsNothingBack() throws Exception {
		// an idempotent start of a run that exists creates nothing: the run's changes are
		// not held
		String runId = flow
			.start("three-steps", new Order("again", 1), StartOptions.builder().delay(Duration.ofHours(1)).build())
			.runId();
		await().atMost(Duration.ofSeconds(5)).until(() -> changes.of(runId).size() == 1);
		TransactionTemplate tx = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
		tx.executeWithoutResult((status) -> {
			flow.start("three-steps", new Order("again", 1), StartOptions.builder().runId(runId).build());
			flow.start("three-steps", new Order("again", 1), StartOptions.builder().runId(runId).build());
			// recorded on another thread while the idempotent starts' transaction is
			// still open
			Thread other = new Thread(() -> context.getBean(io.durableflow.change.ChangeRecorder.class)
				.record(List.of(WorkflowChange.of(WorkflowChange.RUN, false, runId, "three-steps", runId,
						Map.of("status", "pending"), java.time.Instant.now()))));
			other.start();
			try {
				other.join(5_000);
			}
			catch (InterruptedException ex) {
				throw new IllegalStateException(ex);
			}
			await().atMost(Duration.ofSeconds(5)).until(() -> changes.of(runId).size() == 2);
		});
		flow.cancel(runId, "test done");
	}

	@Test
	void aStartInAScopeWithoutATransactionIsToldAtOnceEvenIfTheScopeEndsRollbackOnly() {
		// PROPAGATION_SUPPORTS with no transaction: the insert commits by itself (here
		// alone, not in a shared commit), so its change and its wake-up (polling is off
		// here, in effect) cannot wait for, or be undone by, the end of the scope
		try (ConfigurableApplicationContext alone = Contexts.start(TestDatabase.newDatabase(),
				"durableflow.writer.batch-size=1", "durableflow.worker.poll-interval=60s")) {
			DurableFlow aloneFlow = alone.getBean(DurableFlow.class);
			ChangeCollector aloneChanges = alone.getBean(ChangeCollector.class);
			TransactionTemplate supports = new TransactionTemplate(alone.getBean(PlatformTransactionManager.class));
			supports.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_SUPPORTS);
			String runId = supports.execute((status) -> {
				String id = aloneFlow.start("three-steps", new Order("supports", 1), StartOptions.defaults()).runId();
				status.setRollbackOnly();
				return id;
			});
			awaitStatus(aloneFlow, runId, RunStatus.COMPLETED, Duration.ofSeconds(10));
			await().atMost(Duration.ofSeconds(5)).until(() -> aloneChanges.of(runId).size() >= 6);
			assertThat(aloneChanges.of(runId).get(0).type()).isEqualTo("workflow_run.created");
		}
	}

	@Test
	void aFailingListenerNeverFailsAWorkflow() {
		ChangeCollector.explode = true;
		try {
			String runId = flow.start("three-steps", new Order("boom", 1), StartOptions.defaults()).runId();
			awaitStatus(flow, runId, RunStatus.COMPLETED, Duration.ofSeconds(10));
		}
		finally {
			ChangeCollector.explode = false;
		}
	}

}
