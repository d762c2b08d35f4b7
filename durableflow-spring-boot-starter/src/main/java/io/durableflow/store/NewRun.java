package io.durableflow.store;

import java.time.Instant;

/** A run row to insert. */
public record NewRun(String runId, String workflowName, String hostingMode, String lifecycleStage, String userId,
		String tutorialSlug, String queue, String inputJson, String parentRunId, Instant dueAt) {
}
