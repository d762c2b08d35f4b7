package io.durableflow.execution;

import io.durableflow.queue.ClaimedRun;
import org.jspecify.annotations.Nullable;

/**
 * What the engine's workflow context offers beyond {@link io.durableflow.WorkflowContext}
 * to the executors built on it: the claimed run as the claim read it (a stored
 * definition's pinned revision, its start), and a child run of a workflow given by name
 * (a YAML {@code workflow} task names a definition's ref, not a class).
 */
public interface EngineContext {

	/** The run being executed, as claimed. */
	ClaimedRun claimedRun();

	/**
	 * Starts the workflow named {@code workflowName} as a child, memoized like
	 * {@link io.durableflow.WorkflowContext#startChild}, in {@code queue} ({@code null}:
	 * the default queue): the child's run id.
	 */
	String startChild(String name, String workflowName, Object input, @Nullable String queue);

	/** What the step-graph executor needs of this execution. */
	GraphCalls graphCalls();

}
