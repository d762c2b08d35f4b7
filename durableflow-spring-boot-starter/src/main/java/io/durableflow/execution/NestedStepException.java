package io.durableflow.execution;

/**
 * A flow call ({@code flow.step}, {@code flow.transaction}, {@code flow.sleep}, ...) made
 * inside the body of a step: a mistake in the workflow's code, so the step fails without
 * a retry.
 */
final class NestedStepException extends IllegalStateException {

	NestedStepException(String message) {
		super(message);
	}

}
