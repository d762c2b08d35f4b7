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

/** Every committed change is published after commit, in commit order per run; a rollback publishes nothing. */
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
		List<String> seen = changes.of(runId).stream()
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
	void waitsEventsAndLogsAreChangesToo() {
		String runId = flow.start("approval", new Approval("doc-ch", 60_000), StartOptions.defaults()).runId();
		awaitStatus(flow, runId, RunStatus.WAITING, Duration.ofSeconds(10));
		flow.notify("doc.approved", Map.of("doc", "doc-ch", "by", "zed"));
		awaitStatus(flow, runId, RunStatus.COMPLETED, Duration.ofSeconds(10));
		await().atMost(Duration.ofSeconds(5))
			.until(() -> changes.of(runId).stream().anyMatch((c) -> "completed".equals(c.snapshot().get("status"))
					&& c.isRunLevel()));
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
