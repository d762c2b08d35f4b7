package io.durableflow;

/** An operator action that makes no sense for the run's current status. */
public class InvalidRunStateException extends IllegalStateException {

	private final String runId;

	private final RunStatus status;

	public InvalidRunStateException(String runId, RunStatus status, String message) {
		super(message);
		this.runId = runId;
		this.status = status;
	}

	public String runId() {
		return this.runId;
	}

	public RunStatus status() {
		return this.status;
	}

}
