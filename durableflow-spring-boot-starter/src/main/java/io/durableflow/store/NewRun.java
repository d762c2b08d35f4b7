package io.durableflow.store;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A run row to insert; {@code dedupKey}, when given, is unique among the workflow's
 * unfinished runs (the database refuses a second one); {@code priority} and
 * {@code concurrencyKey} order and limit it within its queue; {@code definitionRevision}
 * pins the revision of a stored (YAML) definition it runs, {@code null} for code;
 * {@code name} and {@code metadataJson} (a JSON object of strings) say what it is about,
 * {@code null} when its start gave none.
 */
public record NewRun(String runId, String workflowName, String hostingMode, String lifecycleStage,
		@Nullable String userId, @Nullable String tutorialSlug, String queue, String inputJson,
		@Nullable String parentRunId, Instant dueAt, @Nullable String dedupKey, int priority,
		@Nullable String concurrencyKey, @Nullable Integer definitionRevision, @Nullable String name,
		@Nullable String metadataJson) {

	/** A run without a name or metadata (a child run, say). */
	public NewRun(String runId, String workflowName, String hostingMode, String lifecycleStage, @Nullable String userId,
			@Nullable String tutorialSlug, String queue, String inputJson, @Nullable String parentRunId, Instant dueAt,
			@Nullable String dedupKey, int priority, @Nullable String concurrencyKey,
			@Nullable Integer definitionRevision) {
		this(runId, workflowName, hostingMode, lifecycleStage, userId, tutorialSlug, queue, inputJson, parentRunId,
				dueAt, dedupKey, priority, concurrencyKey, definitionRevision, null, null);
	}

	/** A run without a dedup key. */
	public NewRun(String runId, String workflowName, String hostingMode, String lifecycleStage, @Nullable String userId,
			@Nullable String tutorialSlug, String queue, String inputJson, @Nullable String parentRunId,
			Instant dueAt) {
		this(runId, workflowName, hostingMode, lifecycleStage, userId, tutorialSlug, queue, inputJson, parentRunId,
				dueAt, null, 0, null, null, null, null);
	}

}
