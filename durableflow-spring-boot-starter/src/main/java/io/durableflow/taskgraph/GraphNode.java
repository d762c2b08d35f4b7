package io.durableflow.taskgraph;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.durableflow.GraphStep;
import io.durableflow.StepError;
import io.durableflow.StepHandle;
import io.durableflow.StepOptions;
import io.durableflow.json.WorkflowJson;
import org.jspecify.annotations.Nullable;

/**
 * A step of a step graph as recorded: declared ({@code graph.build}'s result) or emitted
 * (in the result of the step that emitted it). Plain JSON values, so that a replay reads
 * the graph back as it was.
 *
 * @param id its id, unique in the run
 * @param action the action it runs
 * @param input the action's input
 * @param dependsOn the steps it waits for
 * @param dedupKey its dedup key, or {@code null}
 * @param queue the queue it runs in: the one it was given, else its action's, resolved
 * when the step is recorded, so that a replay after a change of configuration decides
 * alike whether it runs in place; {@code null} for none
 * @param maxAttempts its attempts
 * @param backoffMillis the first retry's delay
 * @param multiplier how the delay grows
 * @param linear whether it grows linearly instead
 * @param maxBackoffMillis the cap of a delay
 * @param timeoutMillis how long one attempt may take; {@code null} for no limit
 * @param emittedBy the step that emitted it; {@code null} for a declared step
 */
record GraphNode(String id, String action, @Nullable Object input, List<String> dependsOn, @Nullable String dedupKey,
		@Nullable String queue, int maxAttempts, long backoffMillis, double multiplier, boolean linear,
		long maxBackoffMillis, @Nullable Long timeoutMillis, @Nullable String emittedBy) {

	/** What a step id may be. */
	static final Pattern ID = Pattern.compile("[A-Za-z0-9_\\-\\[\\]]{1,100}");

	GraphNode {
		dependsOn = (dependsOn != null) ? List.copyOf(dependsOn) : List.of();
	}

	/**
	 * A step as {@code graph.step} or {@code emit} gives it; a bad id or action fails
	 * with {@code invalid_step} (permanent).
	 * @param queues the queue of an action by its name ({@code null}: none of its own)
	 */
	static GraphNode of(String id, String action, @Nullable Object input, GraphStep[] options,
			@Nullable String emittedBy, WorkflowJson json, Function<String, @Nullable String> queues) {
		if (id == null || !ID.matcher(id).matches()) {
			throw StepError.permanent("invalid_step",
					"Step id '" + id + "' is not valid: use 1 to 100 letters, " + "digits, '_', '-', '[' and ']'");
		}
		if (action == null || action.isBlank()) {
			throw StepError.permanent("invalid_step", "Step '" + id + "' names no action");
		}
		Set<String> dependsOn = new LinkedHashSet<>();
		String key = null;
		String queue = null;
		StepOptions retry = StepOptions.defaults();
		for (GraphStep option : options) {
			if (option == null) {
				throw StepError.permanent("invalid_step", "Step '" + id + "' has a null option");
			}
			option.handles().stream().map(StepHandle::id).forEach(dependsOn::add);
			key = (option.key() != null) ? option.key() : key;
			queue = (option.queueName() != null) ? option.queueName() : queue;
			retry = (option.options() != null) ? option.options() : retry;
		}
		if (dependsOn.contains(id)) {
			throw StepError.permanent("invalid_step", "Step '" + id + "' depends on itself");
		}
		Object plain;
		try {
			plain = json.read(json.write(input), Object.class);
		}
		catch (RuntimeException ex) {
			throw StepError.permanent("invalid_step",
					"The input of step '" + id + "' is not JSON-serializable: " + ex.getMessage());
		}
		if (queue == null) {
			queue = queues.apply(action);
		}
		return new GraphNode(id, action, plain, new ArrayList<>(dependsOn), key, queue, retry.maxAttempts(),
				retry.initialBackoff().toMillis(), retry.backoffMultiplier(), retry.isLinearBackoff(),
				retry.maxBackoff().toMillis(), (retry.timeout() != null) ? retry.timeout().toMillis() : null,
				emittedBy);
	}

	StepOptions options() {
		return TaskCall.options(this.maxAttempts, this.backoffMillis, this.multiplier, this.linear,
				this.maxBackoffMillis, this.timeoutMillis);
	}

	/**
	 * The graph's declared steps, as {@code graph.build} records them.
	 *
	 * @param steps the steps in declaration order
	 */
	record Declared(List<GraphNode> steps) {
	}

	/**
	 * What a step of a step graph records: the action's output and the steps it emitted.
	 *
	 * @param result the action's output
	 * @param emitted the steps it emitted, in order
	 */
	record Envelope(@Nullable Object result, List<GraphNode> emitted) {
	}

}
