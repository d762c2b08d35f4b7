package io.durableflow.persistence;

/**
 * A run this instance has claimed: every write about it is fenced by {@code leaseToken}.
 * {@code executions} counts claims, this one included; {@code tookOver} says the previous owner's
 * lease had expired.
 */
public record ClaimedRun(String runId, String workflowName, String inputJson, long leaseToken, int executions,
		boolean tookOver) {
}
