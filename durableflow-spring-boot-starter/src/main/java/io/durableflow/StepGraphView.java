package io.durableflow;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A run's step graph as recorded ({@link StepGraphs#graph}).
 *
 * @param runId the run
 * @param workflowName its workflow
 * @param steps its steps: the declared ones in declaration order, then the emitted ones
 * the graph took, in the order they were recorded
 */
public record StepGraphView(String runId, String workflowName, List<Step> steps) {

	/**
	 * One step.
	 *
	 * @param id its id
	 * @param action the action it runs
	 * @param dependsOn the ids of the steps it depends on
	 * @param emittedBy the step that emitted it, {@code null} for a declared step
	 * @param dedupKey its dedup key, or {@code null}
	 * @param queue the queue it was given, or {@code null}
	 * @param status {@code pending}, {@code running}, {@code succeeded}, {@code failed},
	 * {@code timed_out}, {@code skipped} or {@code cancelled}
	 */
	public record Step(String id, String action, List<String> dependsOn, @Nullable String emittedBy,
			@Nullable String dedupKey, @Nullable String queue, String status) {

		public Step {
			dependsOn = List.copyOf(dependsOn);
		}

	}

	public StepGraphView {
		steps = List.copyOf(steps);
	}

}
