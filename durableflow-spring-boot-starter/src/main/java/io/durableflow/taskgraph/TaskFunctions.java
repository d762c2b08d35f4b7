package io.durableflow.taskgraph;

import org.jspecify.annotations.Nullable;

/**
 * The template functions {@code succeeded()}, {@code failed()}, {@code timed_out()} and
 * {@code result()}: about the task whose transitions are being evaluated, on this thread.
 * Jinjava calls functions as static methods.
 */
public final class TaskFunctions {

	private static final ThreadLocal<@Nullable TaskOutcome> CURRENT = new ThreadLocal<>();

	private TaskFunctions() {
	}

	static void with(TaskOutcome outcome, Runnable body) {
		TaskOutcome previous = CURRENT.get();
		CURRENT.set(outcome);
		try {
			body.run();
		}
		finally {
			CURRENT.set(previous);
		}
	}

	public static boolean succeeded() {
		return current().status() == TaskOutcome.Status.SUCCEEDED;
	}

	/** Whether the task failed (not on a timeout). */
	public static boolean failed() {
		return current().status() == TaskOutcome.Status.FAILED;
	}

	public static boolean timedOut() {
		return current().status() == TaskOutcome.Status.TIMED_OUT;
	}

	public static @Nullable Object result() {
		return current().result();
	}

	private static TaskOutcome current() {
		TaskOutcome outcome = CURRENT.get();
		if (outcome == null) {
			throw new IllegalStateException("succeeded(), failed(), timed_out() and result() are about a task's "
					+ "outcome: use them in its transitions");
		}
		return outcome;
	}

}
