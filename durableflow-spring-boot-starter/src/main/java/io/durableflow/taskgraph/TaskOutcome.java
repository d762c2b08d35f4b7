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
	 * A task execution that failed, or timed out: code {@code step_timeout} (an action's
	 * attempt outlasting its timeout) or {@code timed_out} (an inquiry not answered in
	 * time).
	 */
	static TaskOutcome failed(io.durableflow.StepFailedException failure) {
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("code", failure.error().code());
		error.put("message", failure.error().message());
		boolean timedOut = "step_timeout".equals(failure.error().code()) || "timed_out".equals(failure.error().code());
		return new TaskOutcome(timedOut ? TaskOutcome.Status.TIMED_OUT : TaskOutcome.Status.FAILED, null, error,
				List.of());
	}

}
