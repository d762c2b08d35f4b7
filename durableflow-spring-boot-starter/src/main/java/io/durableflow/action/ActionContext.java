package io.durableflow.action;

import io.durableflow.ArtifactRef;
import io.durableflow.GraphStep;
import io.durableflow.StepHandle;
import io.durableflow.WorkflowLog;
import org.jspecify.annotations.Nullable;

/** What an action's execution knows of where it runs. */
public interface ActionContext {

	/** The run the action executes for. */
	String runId();

	/**
	 * The step entry's name in the run's timeline: the step name a code workflow gave, a
	 * YAML task's name, or {@code <task>[<index>]} for a {@code with_items} item; for a
	 * step of a step graph, the step's id.
	 */
	String stepName();

	/** The attempt, from 1. */
	int attempt();

	/** The run's log; lines are stored with the step. */
	WorkflowLog log();

	/**
	 * Stores a file the action produced, keyed by {@link #stepName()} and {@code name}: a
	 * retry of the step returns the artifact an earlier attempt stored instead of storing
	 * it again. As {@link io.durableflow.WorkflowContext#artifact}.
	 */
	ArtifactRef artifact(String name, String contentType, byte[] body);

	/**
	 * In a step of a step graph ({@link io.durableflow.GraphWorkflow}): the result of
	 * {@code stepId}, one of the steps this step depends on, read as {@code type}. A step
	 * that is not a declared dependency fails the step ({@code not_a_dependency},
	 * permanent).
	 * @throws IllegalStateException outside a step graph
	 */
	default <T> @Nullable T dependencyResult(String stepId, Class<T> type) {
		throw new IllegalStateException("dependencyResult is for actions run as steps of a step graph "
				+ "(GraphWorkflow); step '" + stepName() + "' of run " + runId() + " is not one");
	}

	/**
	 * In a step of a step graph: adds a step to the running graph, recorded when this
	 * step completes (an attempt that fails adds nothing). It may depend on any step of
	 * the run ({@link StepHandle#of}), this one included; its id must be unique in the
	 * run, or this step fails ({@code duplicate_step_id}, permanent).
	 * @throws IllegalStateException outside a step graph
	 */
	default StepHandle emit(String id, String actionName, @Nullable Object input, GraphStep... options) {
		throw new IllegalStateException("emit is for actions run as steps of a step graph (GraphWorkflow); step '"
				+ stepName() + "' of run " + runId() + " is not one");
	}

}
