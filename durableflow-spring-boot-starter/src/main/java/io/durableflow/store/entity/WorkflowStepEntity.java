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
 * {@code durableflow.workflow_steps}: one row per (run, step name); the unit of truth.
 */
@Entity
@Table(name = "workflow_steps", schema = "durableflow")
public class WorkflowStepEntity {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "run_id", nullable = false)
	private String runId;

	@Column(nullable = false)
	private String name;

	@Column(nullable = false)
	private int seq;

	@Column(nullable = false)
	private String kind;

	@Column(nullable = false)
	private String status;

	@Column(nullable = false)
	private int attempts;

	@JdbcTypeCode(SqlTypes.JSON)
	private String result;

	/** The input the step ran with, where the engine knows one (V13). */
	@JdbcTypeCode(SqlTypes.JSON)
	private String input;

	@JdbcTypeCode(SqlTypes.JSON)
	private String error;

	@Column(name = "wake_at")
	private Instant wakeAt;

	@Column(name = "started_at")
	private Instant startedAt;

	@Column(name = "completed_at")
	private Instant completedAt;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt;

	protected WorkflowStepEntity() {
	}

	public Long getId() {
		return this.id;
	}

	public String getRunId() {
		return this.runId;
	}

	public String getName() {
		return this.name;
	}

	public int getSeq() {
		return this.seq;
	}

	public String getKind() {
		return this.kind;
	}

	public String getStatus() {
		return this.status;
	}

	public int getAttempts() {
		return this.attempts;
	}

	public String getResult() {
		return this.result;
	}

	public String getInput() {
		return this.input;
	}

	public String getError() {
		return this.error;
	}

	public Instant getWakeAt() {
		return this.wakeAt;
	}

	public Instant getStartedAt() {
		return this.startedAt;
	}

	public Instant getCompletedAt() {
		return this.completedAt;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public Instant getUpdatedAt() {
		return this.updatedAt;
	}

}
