package io.durableflow;

import java.time.Instant;
import java.util.Optional;
import java.util.function.BiFunction;

/** A read-only view of one run. */
public final class WorkflowRunView {

	private final String runId;

	private final String workflowName;

	private final RunStatus status;

	private final HostingMode hostingMode;

	private final LifecycleStage lifecycleStage;

	private final String userId;

	private final String tutorialSlug;

	private final String parentRunId;

	private final String queue;

	private final String inputJson;

	private final String outputJson;

	private final WorkflowError error;

	private final Instant createdAt;

	private final Instant updatedAt;

	private final Instant finishedAt;

	private final BiFunction<String, Class<?>, Object> decoder;

	public WorkflowRunView(String runId, String workflowName, RunStatus status, HostingMode hostingMode,
			LifecycleStage lifecycleStage, String userId, String tutorialSlug, String parentRunId, String queue,
			String inputJson, String outputJson, WorkflowError error, Instant createdAt, Instant updatedAt, Instant finishedAt,
			BiFunction<String, Class<?>, Object> decoder) {
		this.runId = runId;
		this.workflowName = workflowName;
		this.status = status;
		this.hostingMode = hostingMode;
		this.lifecycleStage = lifecycleStage;
		this.userId = userId;
		this.tutorialSlug = tutorialSlug;
		this.parentRunId = parentRunId;
		this.queue = queue;
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

	public String userId() {
		return this.userId;
	}

	public String tutorialSlug() {
		return this.tutorialSlug;
	}

	public String parentRunId() {
		return this.parentRunId;
	}

	public String queue() {
		return this.queue;
	}

	/** The output decoded as {@code type}, or {@code null} when the run has none (yet). */
	public <T> T output(Class<T> type) {
		return (this.outputJson != null) ? type.cast(this.decoder.apply(this.outputJson, type)) : null;
	}

	/** The input as stored JSON, or {@code null}. */
	public String inputJson() {
		return this.inputJson;
	}

	/** The output as stored JSON, or {@code null}. */
	public String outputJson() {
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

	public Instant finishedAt() {
		return this.finishedAt;
	}

	@Override
	public String toString() {
		return "WorkflowRunView{runId=" + this.runId + ", workflowName=" + this.workflowName + ", status=" + this.status
				+ ", error=" + this.error + "}";
	}

}
