package io.durableflow;

/**
 * Thrown into workflow code when a step has failed for good (a permanent error, or
 * retries exhausted). On replay the same failure is thrown again. Left uncaught, it fails
 * the run with the step's error; a workflow may catch it to compensate.
 */
public class StepFailedException extends RuntimeException {

	private final String stepName;

	private final WorkflowError error;

	public StepFailedException(String stepName, WorkflowError error) {
		super("Step '" + stepName + "' failed [" + error.code() + "]: " + error.message());
		this.stepName = stepName;
		this.error = error;
	}

	public String stepName() {
		return this.stepName;
	}

	public WorkflowError error() {
		return this.error;
	}

}
