package io.durableflow.execution;

import io.durableflow.GraphStep;
import io.durableflow.StepHandle;
import org.jspecify.annotations.Nullable;

/**
 * What an action run as a step of a step graph may do beyond a plain action
 * ({@link io.durableflow.action.ActionContext#dependencyResult},
 * {@link io.durableflow.action.ActionContext#emit}), and what its step records. One per
 * attempt: what a failed attempt emitted is dropped with it.
 */
public interface ActionScope {

	/** The graph step's id: what the action's {@code stepName()} tells. */
	String stepId();

	<T> @Nullable T dependencyResult(String stepId, Class<T> type);

	StepHandle emit(String id, String actionName, @Nullable Object input, GraphStep... options);

	/**
	 * The run the step's artifacts belong to: the step graph's run, also when the step
	 * runs as a child run of its own; {@code null} for the run the action runs in.
	 */
	default @Nullable String artifactRunId() {
		return null;
	}

	/** What the step records, given the action's output (as plain JSON values). */
	@Nullable Object result(@Nullable Object output);

}
