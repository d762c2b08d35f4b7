package io.durableflow;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;

/**
 * What a workflow uses to record durable progress. Every method that takes a name records (or, on
 * replay, reads back) an entry under that name; names must be stable across replays and unique
 * within a run.
 */
public interface WorkflowContext {

	/** Runs {@code body} once and stores its result; on replay returns the stored result. */
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

	/** A durable timer: the run parks, no thread is held, and it resumes after {@code duration}. */
	void sleep(String name, Duration duration);

	/** A durable timer until {@code instant}. */
	void sleepUntil(String name, Instant instant);

	/** This run's id. */
	String runId();

	/** The name of the workflow being run. */
	String workflowName();

}
