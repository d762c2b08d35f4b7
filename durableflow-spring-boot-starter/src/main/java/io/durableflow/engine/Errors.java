package io.durableflow.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import io.durableflow.StepError;
import io.durableflow.StepFailedException;
import io.durableflow.WorkflowError;
import io.durableflow.json.WorkflowJson;

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

	static String toJson(WorkflowJson json, WorkflowError error, String stepName) {
		Map<String, Object> value = new LinkedHashMap<>();
		value.put("code", error.code());
		value.put("message", error.message());
		value.put("retryable", error.retryable());
		value.put("type", error.type());
		if (stepName != null) {
			value.put("step", stepName);
		}
		return json.write(value);
	}

	static WorkflowError fromJson(WorkflowJson json, String errorJson) {
		if (errorJson == null) {
			return null;
		}
		Map<?, ?> value = json.read(errorJson, Map.class);
		return new WorkflowError(String.valueOf(value.get("code")), (String) value.get("message"),
				Boolean.TRUE.equals(value.get("retryable")), (String) value.get("type"));
	}

	private static String messageOf(Throwable failure) {
		String message = failure.getMessage();
		return (message != null) ? message : failure.getClass().getSimpleName();
	}

}
