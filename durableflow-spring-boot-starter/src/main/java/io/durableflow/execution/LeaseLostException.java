package io.durableflow.execution;

/**
 * This worker no longer holds the run's lease (taken over, cancelled): it must record
 * nothing more.
 */
final class LeaseLostException extends Error {

	LeaseLostException(String runId) {
		super("Lease on workflow run " + runId + " was lost (taken over by another worker, or the run was cancelled)",
				null, false, false);
	}

}
