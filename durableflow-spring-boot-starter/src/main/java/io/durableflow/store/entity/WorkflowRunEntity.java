package io.durableflow.store.entity;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * {@code durableflow.workflow_runs}: one row a run. The engine writes it through fenced
 * SQL ({@link io.durableflow.store.RunStore}); the read side maps it here.
 */
@Entity
@Table(name = "workflow_runs", schema = "durableflow")
public class WorkflowRunEntity {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "run_id", nullable = false, unique = true)
	private String runId;

	@Column(name = "workflow_name", nullable = false)
	private String workflowName;

	@Column(nullable = false)
	private String status;

	@Column(name = "hosting_mode", nullable = false)
	private String hostingMode;

	@Column(name = "lifecycle_stage", nullable = false)
	private String lifecycleStage;

	@Column(name = "user_id")
	private String userId;

	@Column(name = "tutorial_slug")
	private String tutorialSlug;

	@Column(nullable = false)
	private String queue;

	/** Higher is claimed first within the queue (migration V9). */
	@Column(nullable = false)
	private int priority;

	/** What the queue's per-key limit counts the run under (migration V9). */
	@Column(name = "concurrency_key")
	private String concurrencyKey;

	/**
	 * Unique among the workflow's unfinished runs (migration V6); {@code null} for most
	 * runs.
	 */
	@Column(name = "dedup_key")
	private String dedupKey;

	@JdbcTypeCode(SqlTypes.JSON)
	private String input;

	@JdbcTypeCode(SqlTypes.JSON)
	private String output;

	@JdbcTypeCode(SqlTypes.JSON)
	private String error;

	@Column(name = "parent_run_id")
	private String parentRunId;

	/**
	 * The revision of its definition the run started with (migration V11); {@code null}
	 * for a code workflow's run.
	 */
	@Column(name = "definition_revision")
	private Integer definitionRevision;

	/** A name for people, given at start (migration V14); {@code null} for most runs. */
	private String name;

	/**
	 * String pairs given at start, a JSON object (migration V14); {@code null} when none.
	 */
	@JdbcTypeCode(SqlTypes.JSON)
	private String metadata;

	@Column(name = "next_due_at")
	private Instant nextDueAt;

	@Column(name = "lease_owner")
	private String leaseOwner;

	@Column(name = "lease_token", nullable = false)
	private long leaseToken;

	@Column(name = "lease_expires_at")
	private Instant leaseExpiresAt;

	@Column(nullable = false)
	private int executions;

	@Column(name = "cancel_reason")
	private String cancelReason;

	@Column(name = "resume_requested", nullable = false)
	private boolean resumeRequested;

	@JdbcTypeCode(SqlTypes.JSON)
	@Column(name = "operator_actions", nullable = false)
	private String operatorActions;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt;

	@Column(name = "started_at")
	private Instant startedAt;

	@Column(name = "finished_at")
	private Instant finishedAt;

	protected WorkflowRunEntity() {
	}

	public Long getId() {
		return this.id;
	}

	public String getRunId() {
		return this.runId;
	}

	public String getWorkflowName() {
		return this.workflowName;
	}

	public String getStatus() {
		return this.status;
	}

	public String getHostingMode() {
		return this.hostingMode;
	}

	public String getLifecycleStage() {
		return this.lifecycleStage;
	}

	public String getUserId() {
		return this.userId;
	}

	public String getTutorialSlug() {
		return this.tutorialSlug;
	}

	public String getQueue() {
		return this.queue;
	}

	public int getPriority() {
		return this.priority;
	}

	public String getConcurrencyKey() {
		return this.concurrencyKey;
	}

	public String getInput() {
		return this.input;
	}

	public String getOutput() {
		return this.output;
	}

	public String getError() {
		return this.error;
	}

	public String getParentRunId() {
		return this.parentRunId;
	}

	public Integer getDefinitionRevision() {
		return this.definitionRevision;
	}

	public String getName() {
		return this.name;
	}

	public String getMetadata() {
		return this.metadata;
	}

	public Instant getNextDueAt() {
		return this.nextDueAt;
	}

	public String getLeaseOwner() {
		return this.leaseOwner;
	}

	public long getLeaseToken() {
		return this.leaseToken;
	}

	public Instant getLeaseExpiresAt() {
		return this.leaseExpiresAt;
	}

	public int getExecutions() {
		return this.executions;
	}

	public String getCancelReason() {
		return this.cancelReason;
	}

	public boolean isResumeRequested() {
		return this.resumeRequested;
	}

	/**
	 * Who did what to the run by hand, as a JSON array of {action, by, at, reason, step}.
	 */
	public String getOperatorActions() {
		return this.operatorActions;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public Instant getUpdatedAt() {
		return this.updatedAt;
	}

	public Instant getStartedAt() {
		return this.startedAt;
	}

	public Instant getFinishedAt() {
		return this.finishedAt;
	}

	public String getDedupKey() {
		return this.dedupKey;
	}

}
