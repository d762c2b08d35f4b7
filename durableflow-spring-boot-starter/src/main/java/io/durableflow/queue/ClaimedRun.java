package io.durableflow.queue;

/**
 * A run this instance has claimed: every write about it is fenced by {@code leaseToken}.
 * {@code executions} counts claims, this one included; {@code tookOver} says the previous
 * owner's lease had expired; {@code dueAt} is when the run had become due.
 */
public record ClaimedRun(String runId, String workflowName, String inputJson, long leaseToken, int executions,
		boolean tookOver, java.time.Instant dueAt) {
}
