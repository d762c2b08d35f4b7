package io.durableflow;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Starts and operates workflow runs. Every call that starts or changes a run joins the
 * caller's Spring-managed transaction, if there is one, and takes effect only if it
 * commits.
 */
public interface DurableFlow {

	/** Starts a run of the workflow bean of this type. */
	<I> RunHandle start(Class<? extends Workflow<I, ?>> type, @Nullable I input);

	/** Starts a run of the workflow bean of this type, with options. */
	<I> RunHandle start(Class<? extends Workflow<I, ?>> type, @Nullable I input, StartOptions options);

	/**
	 * Starts a run of the named workflow. With {@link StartOptions#runId()} set, a second
	 * start with the same id returns the existing run instead of starting another.
	 * @throws UnknownWorkflowException if no workflow has that name
	 * @throws IllegalArgumentException if the input does not fit the workflow's input
	 * type
	 */
	RunHandle start(String workflowName, @Nullable Object input, StartOptions options);

	/**
	 * Cancels a run that has not finished. A step that is running finishes; nothing after
	 * it runs. Without a reason, the run's error says {@code cancelled}.
	 * @throws RunNotFoundException if there is no such run
	 * @throws InvalidRunStateException if the run has already finished
	 */
	void cancel(String runId, @Nullable String reason);

	/**
	 * Like {@link #cancel(String, String)}, recording who cancelled. Unfinished child
	 * runs are cancelled with their parent.
	 */
	void cancel(String runId, @Nullable String reason, @Nullable String actor);

	/**
	 * Stores the event and resumes every pending wait whose match it satisfies (every key
	 * of the match present in the payload with an equal JSON value).
	 * @return how many waits it resumed
	 */
	int notify(String eventName, @Nullable Map<String, ?> payload);

	/**
	 * Puts a failed run's failed step back to ready, with fresh attempts, and resumes the
	 * run.
	 * @throws RunNotFoundException if there is no such run
	 * @throws InvalidRunStateException if the run has not failed or that step is not its
	 * failed step
	 */
	void retryStep(String runId, String stepName);

	/** Like {@link #retryStep(String, String)}, recording who retried. */
	void retryStep(String runId, String stepName, @Nullable String actor);

	/**
	 * Cancels each of these runs that has not finished, as
	 * {@link #cancel(String, String, String)} cancels one (its unfinished children with
	 * it, the same error and operator action), and skips the others: finished ones and
	 * unknown ids. Runs are handled in run-id order, a repeated id once. Outside a
	 * transaction each run is cancelled in a transaction of its own, so a run that is
	 * skipped holds up none of the others; in the caller's transaction all commit or roll
	 * back with it. A child cancelled with its parent in the same call counts as done.
	 * @return which runs were cancelled and which were skipped, with why
	 */
	BulkActionResult cancelRuns(Collection<String> runIds, @Nullable String reason, @Nullable String actor);

	/**
	 * Retries each of these failed runs as {@link #retryStep(String, String, String)}
	 * retries one, at the step whose failure failed it (the step its error names), and
	 * skips the others: runs that have not failed, runs that failed outside any step, and
	 * unknown ids. Runs are handled in run-id order, a repeated id once, each in a
	 * transaction of its own or all in the caller's, as with
	 * {@link #cancelRuns(Collection, String, String)}.
	 * @return which runs were retried and which were skipped, with why
	 */
	BulkActionResult retryFailedRuns(Collection<String> runIds, @Nullable String actor);

	/** The run with this id, if there is one. */
	Optional<WorkflowRunView> find(String runId);

	/**
	 * The runs that match the query, newest first, at most {@link RunQuery#limit()} of
	 * them; for the next page, ask again with {@link RunQuery.Builder#before(String)} the
	 * last run's id. A metadata filter is served by the GIN index on the metadata column
	 * (migration V14), at millions of runs as well.
	 */
	List<WorkflowRunView> runs(RunQuery query);

	/**
	 * The run's timeline: steps with their logs, waits and events; run-level logs; a flat
	 * list.
	 * @throws RunNotFoundException if there is no such run
	 */
	WorkflowTimeline timeline(String runId);

	/**
	 * Every registered workflow, ordered by name: what can be started, and with which
	 * input type.
	 */
	List<WorkflowDefinitionView> definitions();

	/**
	 * Runs by status, over all runs. Counted with one grouped query and cached for a few
	 * seconds (at most 5 s old), so that a page or a gauge may ask on every request
	 * without counting a large table each time.
	 */
	RunStatusCounts counts();

	/**
	 * The declared queues ({@code default} first, then by name) with their limits and
	 * what is in each now: runs running and runs due and waiting. Counted with one query
	 * and cached for a second.
	 */
	List<QueueView> queues();

}
