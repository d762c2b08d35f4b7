package io.durableflow.action;

import io.durableflow.ArtifactRef;
import io.durableflow.WorkflowLog;

/** What an action's execution knows of where it runs. */
public interface ActionContext {

	/** The run the action executes for. */
	String runId();

	/**
	 * The step entry's name in the run's timeline: the step name a code workflow gave, a
	 * YAML task's name, or {@code <task>[<index>]} for a {@code with_items} item.
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

}
