package io.durableflow;

import org.jspecify.annotations.Nullable;

/**
 * An error with a stable code, thrown from a step body. {@link #retryable} errors are
 * retried by the step's {@link StepOptions}; {@link #permanent} errors fail the step at
 * once.
 */
public class StepError extends RuntimeException {

	private final String code;

	private final boolean retryable;

	protected StepError(String code, String message, @Nullable Throwable cause, boolean retryable) {
		super(message, cause);
		if (code == null || code.isBlank()) {
			throw new IllegalArgumentException("A StepError needs a non-blank code");
		}
		this.code = code;
		this.retryable = retryable;
	}

	public static StepError retryable(String code, Throwable cause) {
		return new StepError(code, messageOf(code, cause), cause, true);
	}

	public static StepError retryable(String code, String message) {
		return new StepError(code, message, null, true);
	}

	public static StepError permanent(String code, Throwable cause) {
		return new StepError(code, messageOf(code, cause), cause, false);
	}

	public static StepError permanent(String code, String message) {
		return new StepError(code, message, null, false);
	}

	public String code() {
		return this.code;
	}

	public boolean isRetryable() {
		return this.retryable;
	}

	/** The type reported for this error: the cause's class where there is one. */
	public String type() {
		return (getCause() != null) ? getCause().getClass().getName() : getClass().getName();
	}

	private static String messageOf(String code, @Nullable Throwable cause) {
		return (cause != null && cause.getMessage() != null) ? cause.getMessage() : code;
	}

}
