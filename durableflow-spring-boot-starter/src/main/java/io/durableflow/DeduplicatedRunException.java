package io.durableflow;

/**
 * A start refused because the workflow already has an unfinished run with the same dedup
 * key ({@link StartOptions.Builder#dedupKey(String)}); {@link #existingRunId()} is that
 * run. The database decides, so starts racing on any number of instances make one run.
 * Over HTTP: 409.
 */
public class DeduplicatedRunException extends RuntimeException {

	private final String workflowName;

	private final String dedupKey;

	private final String existingRunId;

	public DeduplicatedRunException(String workflowName, String dedupKey, String existingRunId) {
		super("Workflow '" + workflowName + "' already has an unfinished run with dedup key '" + dedupKey + "': "
				+ existingRunId + "; the key is free again once that run finishes");
		this.workflowName = workflowName;
		this.dedupKey = dedupKey;
		this.existingRunId = existingRunId;
	}

	public String workflowName() {
		return this.workflowName;
	}

	public String dedupKey() {
		return this.dedupKey;
	}

	/** The unfinished run that holds the key. */
	public String existingRunId() {
		return this.existingRunId;
	}

}
