package io.durableflow.taskgraph;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * How one task ended.
 *
 * @param status its status
 * @param result its result (an action's output; a with_items task's results in item
 * order); {@code null} when it has none
 * @param error its error ({@code code}, {@code message}); {@code null} unless it failed
 * or timed out
 * @param failedItems a with_items task's failed items ({@code index}, {@code item},
 * {@code error}), in item order; empty otherwise
 */
record TaskOutcome(Status status, @Nullable Object result, @Nullable Map<String, Object> error,
		List<Map<String, Object>> failedItems) {

	enum Status {

		SUCCEEDED, FAILED, TIMED_OUT, SKIPPED;

		String text() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

	boolean isFailure() {
		return this.status == Status.FAILED || this.status == Status.TIMED_OUT;
	}

	/**
	 * Whether an error code says a task execution timed out: {@code step_timeout} (an
	 * action's attempt outlasting its timeout) or {@code timed_out} (an inquiry not
	 * answered in time). The one place that decides it, for the executor and for
	 * {@link TaskStatuses}.
	 */
	static boolean isTimeout(@Nullable String code) {
		return "step_timeout".equals(code) || "timed_out".equals(code);
	}

	/**
	 * A task execution that failed or timed out with {@code code} and {@code message}.
	 */
	static TaskOutcome failed(String code, @Nullable String message) {
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("code", code);
		error.put("message", message);
		return new TaskOutcome(isTimeout(code) ? Status.TIMED_OUT : Status.FAILED, null, error, List.of());
	}

	/** A task execution whose step failed or timed out. */
	static TaskOutcome failed(io.durableflow.StepFailedException failure) {
		return failed(failure.error().code(), failure.error().message());
	}

}
