package io.durableflow.it;

import java.time.Duration;
import java.util.Map;

import io.durableflow.DurableFlow;
import io.durableflow.RunStatus;
import io.durableflow.StartOptions;
import io.durableflow.WorkflowRunView;
import io.durableflow.badactions.DuplicateActions;
import io.durableflow.test.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static io.durableflow.it.Contexts.awaitStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/** Actions called from code workflows, the built-ins, and the start-up checks. */
class ActionTests {

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
	void anActionRunsAsAMemoizedStepTypedFromItsGenerics() {
		int before = ActionWorkflows.shouts.get();
		String runId = flow.start("uses-actions", "hey", StartOptions.defaults()).runId();
		WorkflowRunView run = awaitStatus(flow, runId, RunStatus.COMPLETED, Duration.ofSeconds(20));
		Map<?, ?> output = run.output(Map.class);
		assertThat(output.get("shout")).isEqualTo(Map.of("text", "HEYHEY", "length", 6));
		assertThat(output.get("echoed")).isEqualTo(Map.of("a", 1));
		assertThat(output.get("nothing")).isEqualTo("null");
		assertThat(output.get("flaky")).isEqualTo(Map.of("attempt", 2, "input", Map.of("x", "y")));
		// the sleep made a second execution, which read the shout back instead of running
		// it
		assertThat(jdbc.queryForObject("SELECT executions FROM durableflow.workflow_runs WHERE run_id = ?",
				Integer.class, runId))
			.isGreaterThan(1);
		assertThat(ActionWorkflows.shouts.get() - before).isEqualTo(1);
		assertThat(ActionWorkflows.seen.get(runId)).containsExactly("shout#1", "flaky#1", "flaky#2");
		assertThat(jdbc.queryForList("SELECT name FROM durableflow.workflow_steps WHERE run_id = ? ORDER BY seq",
				String.class, runId))
			.containsExactly("shout", "nap", "echo", "noop", "flaky");
		assertThat(jdbc.queryForObject(
				"SELECT count(*) FROM durableflow.workflow_logs WHERE run_id = ? AND message = 'shouting'",
				Integer.class, runId))
			.isEqualTo(1);
	}

	@Test
	void anInquiryParksTheRunUntilTheEventAnswersIt() {
		String runId = flow.start("asks", 600.0, StartOptions.defaults()).runId();
		awaitStatus(flow, runId, RunStatus.WAITING, Duration.ofSeconds(20));
		assertThat(flow.notify("durableflow.inquiry", Map.of("run_id", "someone-else", "step", "approve"))).isZero();
		assertThat(flow.notify("durableflow.inquiry",
				Map.of("run_id", runId, "step", "approve", "response", Map.of("approved", true))))
			.isEqualTo(1);
		WorkflowRunView run = awaitStatus(flow, runId, RunStatus.COMPLETED, Duration.ofSeconds(20));
		assertThat(run.output(Map.class)).containsEntry("response", Map.of("approved", true));
	}

	@Test
	void anUnansweredInquiryFailsItsStepAsTimedOut() {
		String runId = flow.start("asks", 0.2, StartOptions.defaults()).runId();
		WorkflowRunView run = awaitStatus(flow, runId, RunStatus.FAILED, Duration.ofSeconds(20));
		assertThat(run.error().orElseThrow().code()).isEqualTo("timed_out");
	}

	@Test
	void anUnknownActionFailsTheRunNamingTheRegisteredOnes() {
		String runId = flow.start("unknown-action", "x", StartOptions.defaults()).runId();
		WorkflowRunView run = awaitStatus(flow, runId, RunStatus.FAILED, Duration.ofSeconds(20));
		assertThat(run.error().orElseThrow().message()).contains("No action named 'test.nope'")
			.contains("core.echo, core.inquiry, core.noop, test.flaky, test.mark, test.shout");
	}

	@Test
	void twoActionsOfOneNameStopTheStartUpNamingBoth() {
		assertThatException()
			.isThrownBy(
					() -> Contexts.start(new Class<?>[] { DuplicateActions.First.class, DuplicateActions.Second.class },
							TestDatabase.newDatabase()))
			.satisfies((ex) -> assertThat(rootMessage(ex)).contains("Two actions are named 'test.twice'")
				.contains(DuplicateActions.First.class.getName())
				.contains(DuplicateActions.Second.class.getName()));
	}

	@Test
	void reservedNamesUndeclaredQueuesAndBeansThatAreNoActionsStopTheStartUp() {
		String url = TestDatabase.newDatabase();
		assertThatException().isThrownBy(() -> Contexts.start(new Class<?>[] { DuplicateActions.Reserved.class }, url))
			.satisfies((ex) -> assertThat(rootMessage(ex)).contains("names under 'core.' are the built-in actions'"));
		assertThatException()
			.isThrownBy(() -> Contexts.start(new Class<?>[] { DuplicateActions.UndeclaredQueue.class }, url))
			.satisfies((ex) -> assertThat(rootMessage(ex)).contains("Action 'test.queued'")
				.contains("Queue 'nowhere' is not declared"));
		assertThatException()
			.isThrownBy(() -> Contexts.start(new Class<?>[] { DuplicateActions.NotAnAction.class }, url))
			.satisfies(
					(ex) -> assertThat(rootMessage(ex)).contains("is annotated @DurableAction but does not implement"));
	}

	/** The messages of the exception and its causes, one per line. */
	private static String rootMessage(Throwable ex) {
		StringBuilder messages = new StringBuilder();
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			messages.append(cause.getMessage()).append('\n');
		}
		return messages.toString();
	}

}
