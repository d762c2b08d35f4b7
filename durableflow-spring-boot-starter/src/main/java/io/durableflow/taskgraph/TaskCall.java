package io.durableflow.taskgraph;

import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

import io.durableflow.StepOptions;
import io.durableflow.Workflow;
import io.durableflow.WorkflowContext;
import io.durableflow.definition.yaml.RetryModel;
import io.durableflow.definition.yaml.TaskModel;
import io.durableflow.execution.EngineContext;
import io.durableflow.json.WorkflowJson;
import org.jspecify.annotations.Nullable;

/**
 * One task execution as a run of its own ({@value #NAME}): how the items of a
 * {@code with_items} task with {@code concurrency} above 1 run at the same time, each a
 * child run that any instance may claim, in the action's queue. The child runs the action
 * as its one step, named like the item ({@code <task>[<index>]}), with the task's retry
 * and timeout; it fails when the action does, with the action's error.
 *
 * @param step the step's name, the item's
 * @param action the action
 * @param input the item's rendered input
 * @param maxAttempts the task's attempts
 * @param backoffMillis the first retry's delay
 * @param multiplier how the delay grows (1: constant, 2: exponential)
 * @param linear whether it grows linearly instead
 * @param maxBackoffMillis the cap of a delay
 * @param timeoutMillis how long one attempt may take; {@code null} for no limit
 * @param dependencies for a step of a step graph: the results of the steps it depends on,
 * by id, what its action's {@code dependencyResult} reads; {@code null} otherwise
 * @param graph whether it is a step of a step graph: its action may emit steps, and the
 * child's output is a {@link GraphNode.Envelope} (the action's output and the steps it
 * emitted), which the graph records when it takes the child's end; {@code null} (as in
 * the calls recorded before step graphs existed) is {@code false}
 * @param graphRun for a step of a step graph: the graph's run, which the artifacts its
 * action stores belong to (listed on the graph's run page); {@code null} (as in calls
 * recorded before) for the child run itself
 */
record TaskCall(String step, String action, @Nullable Object input, int maxAttempts, long backoffMillis,
		double multiplier, boolean linear, long maxBackoffMillis, @Nullable Long timeoutMillis,
		@Nullable Map<String, Object> dependencies, @Nullable Boolean graph, @Nullable String graphRun) {

	/** The workflow that runs a {@code TaskCall}. */
	static final String NAME = "durableflow.task";

	static TaskCall of(String step, String action, @Nullable Object input, StepOptions options) {
		return new TaskCall(step, action, input, options.maxAttempts(), options.initialBackoff().toMillis(),
				options.backoffMultiplier(), options.isLinearBackoff(), options.maxBackoff().toMillis(),
				(options.timeout() != null) ? options.timeout().toMillis() : null, null, false, null);
	}

	/** A step of a step graph, reading {@code dependencies}. */
	static TaskCall of(GraphNode node, Map<String, Object> dependencies, String graphRun) {
		return new TaskCall(node.id(), node.action(), node.input(), node.maxAttempts(), node.backoffMillis(),
				node.multiplier(), node.linear(), node.maxBackoffMillis(), node.timeoutMillis(), dependencies, true,
				graphRun);
	}

	StepOptions options() {
		return options(this.maxAttempts, this.backoffMillis, this.multiplier, this.linear, this.maxBackoffMillis,
				this.timeoutMillis);
	}

	/**
	 * Step options from the fields a call and a graph step record them in (both as plain
	 * JSON values, so that a recorded one reads back).
	 */
	static StepOptions options(int maxAttempts, long backoffMillis, double multiplier, boolean linear,
			long maxBackoffMillis, @Nullable Long timeoutMillis) {
		StepOptions.Builder options = StepOptions.builder()
			.maxAttempts(maxAttempts)
			.initialBackoff(Duration.ofMillis(backoffMillis))
			.backoffMultiplier(multiplier)
			.maxBackoff(Duration.ofMillis(maxBackoffMillis));
		if (linear) {
			options.linearBackoff();
		}
		if (timeoutMillis != null) {
			options.timeout(Duration.ofMillis(timeoutMillis));
		}
		return options.build();
	}

	/**
	 * Runs a {@link TaskCall}: the action, as the child's one step; a step graph's with
	 * its dependencies to read and the steps it emits.
	 */
	static final class Runner implements Workflow<TaskCall, Object> {

		private final WorkflowJson json;

		private final Function<String, @Nullable String> queues;

		Runner(WorkflowJson json, Function<String, @Nullable String> queues) {
			this.json = json;
			this.queues = queues;
		}

		@Override
		public @Nullable Object run(WorkflowContext flow, TaskCall call) {
			if (Boolean.TRUE.equals(call.graph()) && flow instanceof EngineContext engine) {
				return engine.graphCalls()
					.action(call.step(), call.options(), call.action(), call.input(),
							() -> new GraphActionScope(call.step(), call.dependencies(), this.json, call.graphRun(),
									this.queues));
			}
			return flow.action(call.step(), call.options(), call.action(), call.input(), Object.class);
		}

	}

	/** The step options of a task: its retry and timeout, one attempt without retry. */
	static StepOptions options(TaskModel task) {
		StepOptions.Builder options = StepOptions.builder().maxAttempts(1);
		RetryModel retry = task.retry();
		if (retry != null) {
			options.maxAttempts(retry.attempts()).initialBackoff(retry.delay());
			switch (retry.backoff()) {
				case CONSTANT -> options.backoffMultiplier(1.0);
				case LINEAR -> options.linearBackoff();
				case EXPONENTIAL -> options.backoffMultiplier(2.0);
			}
			options.maxBackoff((retry.maxDelay() != null) ? retry.maxDelay() : Duration.ofDays(1));
		}
		if (task.timeout() != null) {
			options.timeout(task.timeout());
		}
		return options.build();
	}

}
