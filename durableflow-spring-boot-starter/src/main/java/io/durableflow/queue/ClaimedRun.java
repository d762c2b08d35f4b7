package io.durableflow.queue;

/**
 * A run this instance has claimed: every write about it is fenced by {@code leaseToken}.
 * {@code executions} counts claims, this one included; {@code tookOver} says the previous
 * owner's lease had expired; {@code dueAt} is when the run had become due;
 * {@code definitionRevision} the revision of a stored definition the run pinned at start
 * ({@code null} for a code workflow), {@code createdAt} when it was started and
 * {@code userId} its user, if any.
 */
public record ClaimedRun(String runId, String workflowName, String inputJson, long leaseToken, int executions,
		boolean tookOver, java.time.Instant dueAt, @org.jspecify.annotations.Nullable Integer definitionRevision,
		java.time.Instant createdAt, @org.jspecify.annotations.Nullable String userId) {
}
