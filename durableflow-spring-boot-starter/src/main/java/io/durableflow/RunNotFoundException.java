package io.durableflow;

/** An operation named a run id that does not exist. */
public class RunNotFoundException extends IllegalArgumentException {

	private final String runId;

	public RunNotFoundException(String runId) {
		super("No workflow run with id '" + runId + "'");
		this.runId = runId;
	}

	public String runId() {
		return this.runId;
	}

}
