package io.durableflow.it;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.durableflow.DurableFlow;
import io.durableflow.RunStatus;
import io.durableflow.RunStatusCounts;
import io.durableflow.StartOptions;
import io.durableflow.WorkflowDefinitionView;
import io.durableflow.it.TestWorkflows.Order;
import io.durableflow.it.WaitingWorkflows.Approval;
import io.durableflow.test.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static io.durableflow.it.Contexts.awaitStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The read side a console needs from the API: the registered workflows and runs by
 * status.
 */
class DefinitionsAndCountsTests {

	private static final Duration WITHIN = Duration.ofSeconds(20);

	static ConfigurableApplicationContext context;

	static DurableFlow flow;

	@BeforeAll
	static void start() {
		// a database of its own: the counts are over all runs
		context = Contexts.start(TestDatabase.newDatabase());
		flow = context.getBean(DurableFlow.class);
	}

	@AfterAll
	static void stop() {
		context.close();
	}

	@Test
	void definitionsListEveryWorkflowBeanByNameWithItsInputAndOutputTypes() {
		List<WorkflowDefinitionView> definitions = flow.definitions();
		assertThat(definitions).extracting(WorkflowDefinitionView::name)
			.contains("three-steps", "sleepy", "fan", "approval")
			.isSorted()
			.doesNotHaveDuplicates();
		assertThat(definitions).filteredOn((definition) -> definition.name().equals("three-steps"))
			.containsExactly(new WorkflowDefinitionView("three-steps", WorkflowDefinitionView.BEAN, null,
					Order.class.getName(), TestWorkflows.Receipt.class.getName()));
		assertThat(definitions).filteredOn((definition) -> definition.name().equals("fan"))
			.singleElement()
			.satisfies((fan) -> {
				assertThat(fan.inputType()).isEqualTo("java.util.List<java.lang.Integer>");
				assertThat(fan.outputType()).isEqualTo("java.util.List<java.lang.String>");
			});
		// beside the beans, only the task-graph executor's built-in workflow of one task
		assertThat(definitions).filteredOn((definition) -> !definition.name().equals("durableflow.task"))
			.allSatisfy((definition) -> assertThat(definition.source()).isEqualTo("bean"));
		assertThatThrownBy(() -> definitions.add(definitions.get(0))).isInstanceOf(UnsupportedOperationException.class);
	}

	@Test
	void countsHaveEveryStatusAndCountRunsInEachWithinTheCacheTime() {
		String completed = flow.start(TestWorkflows.ThreeSteps.class, new Order("c-1", 1)).runId();
		String failed = flow.start("strict", "nobody", StartOptions.defaults()).runId();
		String sleeping = flow.start("sleepy", Duration.ofHours(1).toMillis(), StartOptions.defaults()).runId();
		String waiting = flow
			.start("approval", new Approval("doc-1", Duration.ofHours(1).toMillis()), StartOptions.defaults())
			.runId();
		String cancelled = flow.start("sleepy", Duration.ofHours(1).toMillis(), StartOptions.defaults()).runId();
		awaitStatus(flow, completed, RunStatus.COMPLETED, WITHIN);
		awaitStatus(flow, failed, RunStatus.FAILED, WITHIN);
		awaitStatus(flow, sleeping, RunStatus.SLEEPING, WITHIN);
		awaitStatus(flow, waiting, RunStatus.WAITING, WITHIN);
		awaitStatus(flow, cancelled, RunStatus.SLEEPING, WITHIN);
		flow.cancel(cancelled, "not needed");

		// counted once every 5 s at most: an earlier count may still be served for a
		// moment
		await().atMost(WITHIN)
			.pollInterval(Duration.ofMillis(250))
			.untilAsserted(() -> assertThat(flow.counts().byStatus()).containsExactly(Map.entry(RunStatus.PENDING, 0L),
					Map.entry(RunStatus.RUNNING, 0L), Map.entry(RunStatus.SLEEPING, 1L),
					Map.entry(RunStatus.WAITING, 1L), Map.entry(RunStatus.COMPLETED, 1L),
					Map.entry(RunStatus.FAILED, 1L), Map.entry(RunStatus.CANCELLED, 1L)));
		RunStatusCounts counts = flow.counts();
		assertThat(counts.total()).isEqualTo(5);
		assertThat(counts.count(RunStatus.RUNNING)).isZero();
		assertThat(counts.count(RunStatus.CANCELLED)).isOne();
	}

	@Test
	void countsMadeFromSomeStatusesHoldEveryStatusAndCannotBeChanged() {
		RunStatusCounts counts = new RunStatusCounts(Map.of(RunStatus.FAILED, 2L));
		assertThat(counts.byStatus()).hasSize(RunStatus.values().length).containsEntry(RunStatus.PENDING, 0L);
		assertThat(counts.total()).isEqualTo(2);
		assertThatThrownBy(() -> counts.byStatus().put(RunStatus.FAILED, 3L))
			.isInstanceOf(UnsupportedOperationException.class);
	}

}
