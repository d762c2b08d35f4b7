package io.durableflow;

import java.util.Optional;

/**
 * Starts and operates workflow runs. Every call that starts or changes a run joins the caller's
 * Spring-managed transaction, if there is one, and takes effect only if it commits.
 */
public interface DurableFlow {

	/** Starts a run of the workflow bean of this type. */
	<I> RunHandle start(Class<? extends Workflow<I, ?>> type, I input);

	/** Starts a run of the workflow bean of this type, with options. */
	<I> RunHandle start(Class<? extends Workflow<I, ?>> type, I input, StartOptions options);

	/**
	 * Starts a run of the named workflow. With {@link StartOptions#runId()} set, a second start
	 * with the same id returns the existing run instead of starting another.
	 * @throws UnknownWorkflowException if no workflow has that name
	 * @throws IllegalArgumentException if the input does not fit the workflow's input type
	 */
	RunHandle start(String workflowName, Object input, StartOptions options);

	/**
	 * Cancels a run that has not finished. A step that is running finishes; nothing after it runs.
	 * @throws RunNotFoundException if there is no such run
	 * @throws InvalidRunStateException if the run has already finished
	 */
	void cancel(String runId, String reason);

	/** The run with this id, if there is one. */
	Optional<WorkflowRunView> find(String runId);

}
