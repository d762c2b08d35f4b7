package io.durableflow.execution;

import java.util.concurrent.TimeoutException;

import io.durableflow.StepError;
import io.durableflow.StepFailedException;
import io.durableflow.WorkflowError;

/** Turns exceptions into stored {@link WorkflowError}s and back. */
final class Errors {

	static final String UNEXPECTED = "unexpected_error";

	static final String STEP_TIMEOUT = "step_timeout";

	private Errors() {
	}

	static WorkflowError of(Throwable failure, boolean retryable) {
		if (failure instanceof StepError stepError) {
			return new WorkflowError(stepError.code(), messageOf(stepError), stepError.isRetryable(), stepError.type());
		}
		if (failure instanceof StepFailedException stepFailed) {
			return stepFailed.error();
		}
		if (failure instanceof ReplayMismatchException mismatch) {
			return new WorkflowError(mismatch.code(), mismatch.getMessage(), false, mismatch.getClass().getName());
		}
		if (failure instanceof TimeoutException) {
			return new WorkflowError(STEP_TIMEOUT, messageOf(failure), true, failure.getClass().getName());
		}
		return new WorkflowError(UNEXPECTED, messageOf(failure), retryable, failure.getClass().getName());
	}

	private static String messageOf(Throwable failure) {
		String message = failure.getMessage();
		return (message != null) ? message : failure.getClass().getSimpleName();
	}

	/** A backoff with jitter: between half of it and all of it. */
	static java.time.Duration jitter(java.time.Duration backoff) {
		long millis = backoff.toMillis();
		return java.time.Duration
			.ofMillis(millis / 2 + java.util.concurrent.ThreadLocalRandom.current().nextLong(millis / 2 + 1));
	}

}
