package io.durableflow;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * What a workflow uses to record durable progress. Every method that takes a name records
 * (or, on replay, reads back) an entry under that name; names must be stable across
 * replays and unique within a run.
 */
public interface WorkflowContext {

	/**
	 * Runs {@code body} once and stores its result; on replay returns the stored result.
	 */
	default <T> T step(String name, Class<T> type, java.util.concurrent.Callable<T> body) {
		return step(name, StepOptions.defaults(), type, body);
	}

	/** Runs {@code body} once; on replay does nothing. */
	default void step(String name, ThrowingRunnable body) {
		step(name, StepOptions.defaults(), body);
	}

	/** Like {@link #step(String, Class, Callable)} with a retry policy and timeout. */
	<T> T step(String name, StepOptions options, Class<T> type, Callable<T> body);

	/** Like {@link #step(String, ThrowingRunnable)} with a retry policy and timeout. */
	default void step(String name, StepOptions options, ThrowingRunnable body) {
		step(name, options, Void.class, () -> {
			body.run();
			return null;
		});
	}

	/**
	 * A step whose body runs inside the database transaction that records it: the body's
	 * JdbcTemplate and JPA calls (on the DataSource DurableFlow uses) join that
	 * transaction, and the step's row is written at its end, on the same connection. Both
	 * commit or neither does, so the body's database writes happen exactly once: a body
	 * that throws commits nothing and the step is retried or fails as a step's would
	 * ({@link StepOptions#defaults()}); a worker that lost the run's lease (taken over,
	 * cancelled) finds so when it writes the step, and the whole transaction, the body's
	 * writes too, rolls back. On replay the recorded result is returned and the body does
	 * not run. Anything the body does outside the database (an HTTP call, a message) may
	 * still happen more than once.
	 * <p>
	 * The transaction is the application's {@code PlatformTransactionManager}'s (its only
	 * or primary one; with none, a {@code DataSourceTransactionManager} over
	 * DurableFlow's DataSource): a {@code JpaTransactionManager} (Spring Boot's, when JPA
	 * is set up) makes JPA repositories and JdbcTemplate join; a
	 * {@code DataSourceTransactionManager} makes JdbcTemplate join. A transaction manager
	 * that does not manage DurableFlow's DataSource is refused with an
	 * {@link IllegalStateException} before the body runs (the run fails). The body runs
	 * on the worker's thread; no flow call ({@code step}, {@code transaction},
	 * {@code sleep}, ...) may be made inside it (an {@link IllegalStateException} fails
	 * the step, without a retry).
	 */
	default <T> T transaction(String name, Class<T> type, Callable<T> body) {
		return transaction(name, StepOptions.defaults(), type, body);
	}

	/**
	 * As {@link #transaction(String, Class, Callable)}, with a retry policy; a timeout is
	 * the transaction's timeout (rounded up to whole seconds): a statement after it, the
	 * step's own write included, fails the attempt with {@code step_timeout} and rolls it
	 * back (the body is not interrupted).
	 */
	<T> T transaction(String name, StepOptions options, Class<T> type, Callable<T> body);

	/**
	 * Runs the action named {@code actionName}
	 * ({@link io.durableflow.action.DurableAction}) as a step named {@code stepName}:
	 * once, its result stored and read back on replay. {@code input} is converted to the
	 * action's input type and its output to {@code type} through the application's JSON
	 * mapper. {@code core.inquiry} parks the run until the event
	 * {@code durableflow.inquiry} with {@code run_id} and {@code step} answers it (its
	 * input may give {@code timeout} in seconds), returning the event's payload; an
	 * unanswered inquiry fails the step with code {@code timed_out}.
	 * @throws io.durableflow.action.UnknownActionException if no such action exists
	 */
	default <T> T action(String stepName, String actionName, Object input, Class<T> type) {
		return action(stepName, StepOptions.defaults(), actionName, input, type);
	}

	/**
	 * As {@link #action(String, String, Object, Class)}, with a retry policy and timeout.
	 */
	<T> T action(String stepName, StepOptions options, String actionName, Object input, Class<T> type);

	/**
	 * A loop whose position is durable: {@code body} runs from {@code start}, or, on a
	 * retry, a crash or a takeover, from the last position it {@linkplain Cursor#advance
	 * advanced} to. The work between two advances may run again (keep it idempotent); the
	 * work before the last advance does not. Once the body returns, the step is done and
	 * a replay skips it. A failure is retried like a step's
	 * ({@link StepOptions#defaults()}), from the last position.
	 */
	default <C> void iterate(String name, C start, Class<C> cursorType, CursorBody<C> body) {
		iterate(name, StepOptions.defaults(), start, cursorType, body);
	}

	/**
	 * As {@link #iterate(String, Object, Class, CursorBody)}, with a retry policy and
	 * timeout.
	 */
	<C> void iterate(String name, StepOptions options, C start, Class<C> cursorType, CursorBody<C> body);

	/**
	 * A durable timer: the run parks, no thread is held, and it resumes after
	 * {@code duration}.
	 */
	void sleep(String name, Duration duration);

	/** A durable timer until {@code instant}. */
	void sleepUntil(String name, Instant instant);

	/**
	 * Parks the run until an event named {@code name} whose payload matches {@code match}
	 * is delivered with {@code DurableFlow.notify}, or until {@code timeout} passes.
	 * @return the event's payload, or empty on timeout
	 */
	default Optional<Map<String, Object>> waitForEvent(String name, Map<String, ?> match, Duration timeout) {
		return waitForEvent(name, name, match, timeout);
	}

	/**
	 * Like {@link #waitForEvent(String, Map, Duration)} for an event named differently
	 * from the step.
	 */
	Optional<Map<String, Object>> waitForEvent(String name, String eventName, Map<String, ?> match, Duration timeout);

	/**
	 * Starts a child run once (a replay returns the same child) and returns its run id.
	 * The child is linked by {@code parent_run_id} and cancelled with its parent.
	 */
	<I> String startChild(String name, Class<? extends Workflow<I, ?>> type, I input);

	/**
	 * Parks until the run {@code runId} has finished, or {@code timeout} passes. A failed
	 * or cancelled run returns its outcome like a completed one: the waiter never hangs.
	 */
	WorkflowOutcome waitForWorkflow(String name, String runId, Duration timeout);

	/**
	 * Fans out: starts one child per input, at most {@code concurrency} unfinished at a
	 * time, and returns their outcomes in input order. Step names are derived from
	 * {@code name}.
	 */
	default <I> List<WorkflowOutcome> fanOut(String name, Class<? extends Workflow<I, ?>> type, List<I> inputs,
			int concurrency, Duration timeoutEach) {
		if (concurrency < 1) {
			throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
		}
		List<String> children = new ArrayList<>();
		List<WorkflowOutcome> outcomes = new ArrayList<>();
		for (int i = 0; i < inputs.size(); i++) {
			if (i >= concurrency) {
				int done = outcomes.size();
				outcomes.add(waitForWorkflow(name + "-wait-" + done, children.get(done), timeoutEach));
			}
			children.add(startChild(name + "-start-" + i, type, inputs.get(i)));
		}
		for (int done = outcomes.size(); done < children.size(); done++) {
			outcomes.add(waitForWorkflow(name + "-wait-" + done, children.get(done), timeoutEach));
		}
		return outcomes;
	}

	/**
	 * Stores a file the run produced ({@code body}, at most
	 * {@code durableflow.artifacts.max-size}, empty allowed) with the
	 * {@link io.durableflow.artifact.ArtifactStore} bean, durably before it returns, and
	 * returns its reference; the console lists it on the run's page. Memoized: outside
	 * any step the call is a step entry named {@code name} (a replay returns the recorded
	 * reference); inside a step's body it is keyed by that step's name and {@code name},
	 * so a retry of the step returns the artifact its first attempt stored. Either way
	 * nothing is stored twice and the first bytes stored win.
	 * @param name the artifact's name, unique within its step: 1 to 255 characters, no
	 * control characters, no {@code /} or {@code \}
	 * @param contentType a media type such as {@code text/csv}
	 * @throws IllegalArgumentException if the name or content type is not valid
	 * @throws StepError code {@code artifact_too_large} (permanent) if {@code body} is
	 * over the limit: nothing is stored
	 */
	ArtifactRef artifact(String name, String contentType, byte[] body);

	/** This run's log. */
	WorkflowLog log();

	/** This run's id. */
	String runId();

	/** The name of the workflow being run. */
	String workflowName();

}
