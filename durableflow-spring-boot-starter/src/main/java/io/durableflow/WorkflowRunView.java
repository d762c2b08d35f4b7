package io.durableflow;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

import org.jspecify.annotations.Nullable;

/** A read-only view of one run. */
public final class WorkflowRunView {

	private final String runId;

	private final String workflowName;

	private final RunStatus status;

	private final HostingMode hostingMode;

	private final LifecycleStage lifecycleStage;

	private final @Nullable String userId;

	private final @Nullable String tutorialSlug;

	private final @Nullable String parentRunId;

	private final String queue;

	private final int priority;

	private final @Nullable String concurrencyKey;

	private final @Nullable Integer definitionRevision;

	private final @Nullable String inputJson;

	private final @Nullable String outputJson;

	private final @Nullable WorkflowError error;

	private final Instant createdAt;

	private final Instant updatedAt;

	private final @Nullable Instant finishedAt;

	private final BiFunction<String, Class<?>, Object> decoder;

	private final @Nullable String name;

	private final Map<String, String> metadata;

	public WorkflowRunView(String runId, String workflowName, RunStatus status, HostingMode hostingMode,
			LifecycleStage lifecycleStage, @Nullable String userId, @Nullable String tutorialSlug,
			@Nullable String parentRunId, String queue, int priority, @Nullable String concurrencyKey,
			@Nullable String inputJson, @Nullable String outputJson, @Nullable WorkflowError error, Instant createdAt,
			Instant updatedAt, @Nullable Instant finishedAt, BiFunction<String, Class<?>, Object> decoder) {
		this(runId, workflowName, status, hostingMode, lifecycleStage, userId, tutorialSlug, parentRunId, queue,
				priority, concurrencyKey, null, inputJson, outputJson, error, createdAt, updatedAt, finishedAt,
				decoder);
	}

	/**
	 * The same, with the revision of its definition the run started with
	 * ({@link #definitionRevision()}).
	 */
	public WorkflowRunView(String runId, String workflowName, RunStatus status, HostingMode hostingMode,
			LifecycleStage lifecycleStage, @Nullable String userId, @Nullable String tutorialSlug,
			@Nullable String parentRunId, String queue, int priority, @Nullable String concurrencyKey,
			@Nullable Integer definitionRevision, @Nullable String inputJson, @Nullable String outputJson,
			@Nullable WorkflowError error, Instant createdAt, Instant updatedAt, @Nullable Instant finishedAt,
			BiFunction<String, Class<?>, Object> decoder) {
		this(runId, workflowName, status, hostingMode, lifecycleStage, userId, tutorialSlug, parentRunId, queue,
				priority, concurrencyKey, definitionRevision, null, Map.of(), inputJson, outputJson, error, createdAt,
				updatedAt, finishedAt, decoder);
	}

	/**
	 * The same, with the run's {@link #name()} and {@link #metadata()} (which it keeps as
	 * given: pass an unmodifiable map).
	 */
	public WorkflowRunView(String runId, String workflowName, RunStatus status, HostingMode hostingMode,
			LifecycleStage lifecycleStage, @Nullable String userId, @Nullable String tutorialSlug,
			@Nullable String parentRunId, String queue, int priority, @Nullable String concurrencyKey,
			@Nullable Integer definitionRevision, @Nullable String name, Map<String, String> metadata,
			@Nullable String inputJson, @Nullable String outputJson, @Nullable WorkflowError error, Instant createdAt,
			Instant updatedAt, @Nullable Instant finishedAt, BiFunction<String, Class<?>, Object> decoder) {
		this.name = name;
		this.metadata = metadata;
		this.runId = runId;
		this.workflowName = workflowName;
		this.status = status;
		this.hostingMode = hostingMode;
		this.lifecycleStage = lifecycleStage;
		this.userId = userId;
		this.tutorialSlug = tutorialSlug;
		this.parentRunId = parentRunId;
		this.queue = queue;
		this.priority = priority;
		this.concurrencyKey = concurrencyKey;
		this.definitionRevision = definitionRevision;
		this.inputJson = inputJson;
		this.outputJson = outputJson;
		this.error = error;
		this.createdAt = createdAt;
		this.updatedAt = updatedAt;
		this.finishedAt = finishedAt;
		this.decoder = decoder;
	}

	public String runId() {
		return this.runId;
	}

	public String workflowName() {
		return this.workflowName;
	}

	public RunStatus status() {
		return this.status;
	}

	public HostingMode hostingMode() {
		return this.hostingMode;
	}

	public LifecycleStage lifecycleStage() {
		return this.lifecycleStage;
	}

	public @Nullable String userId() {
		return this.userId;
	}

	public @Nullable String tutorialSlug() {
		return this.tutorialSlug;
	}

	public @Nullable String parentRunId() {
		return this.parentRunId;
	}

	public String queue() {
		return this.queue;
	}

	/**
	 * The run's priority in its queue: higher is claimed first, {@code 0} unless its
	 * start gave another.
	 */
	public int priority() {
		return this.priority;
	}

	/**
	 * The key its queue's per-key limit counts it under, or {@code null} when its start
	 * gave none.
	 */
	public @Nullable String concurrencyKey() {
		return this.concurrencyKey;
	}

	/**
	 * The revision of its definition the run started with (a stored definition's
	 * revision, or the version of another source's workflow), or {@code null} for a run
	 * of a {@link DurableWorkflow} bean.
	 */
	public @Nullable Integer definitionRevision() {
		return this.definitionRevision;
	}

	/**
	 * The name its start gave ({@link StartOptions.Builder#name(String)}), or
	 * {@code null}.
	 */
	public @Nullable String name() {
		return this.name;
	}

	/**
	 * The metadata its start gave ({@link StartOptions.Builder#metadata(Map)}), ordered
	 * by key; empty when it gave none.
	 */
	public Map<String, String> metadata() {
		return this.metadata;
	}

	/**
	 * The output decoded as {@code type}, or {@code null} when the run has none (yet).
	 */
	public <T> @Nullable T output(Class<T> type) {
		return (this.outputJson != null) ? type.cast(this.decoder.apply(this.outputJson, type)) : null;
	}

	/**
	 * The input as stored JSON, or {@code null}: the real values, secret parameters
	 * included. To show a run, use {@link WorkflowDefinitions#maskedInput}.
	 */
	public @Nullable String inputJson() {
		return this.inputJson;
	}

	/** The output as stored JSON, or {@code null}. */
	public @Nullable String outputJson() {
		return this.outputJson;
	}

	public Optional<WorkflowError> error() {
		return Optional.ofNullable(this.error);
	}

	public Instant createdAt() {
		return this.createdAt;
	}

	public Instant updatedAt() {
		return this.updatedAt;
	}

	/** When the run finished, or {@code null} while it has not. */
	public @Nullable Instant finishedAt() {
		return this.finishedAt;
	}

	@Override
	public String toString() {
		return "WorkflowRunView{runId=" + this.runId + ", workflowName=" + this.workflowName + ", status=" + this.status
				+ ", error=" + this.error + "}";
	}

}
