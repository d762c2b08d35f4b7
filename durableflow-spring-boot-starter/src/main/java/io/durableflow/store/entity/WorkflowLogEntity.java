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
 * {@code durableflow.workflow_logs}: a log line of a run, and of the step it was written
 * in.
 */
@Entity
@Table(name = "workflow_logs", schema = "durableflow")
public class WorkflowLogEntity {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "run_id", nullable = false)
	private String runId;

	@Column(name = "step_name")
	private String stepName;

	@Column(nullable = false)
	private String level;

	@Column(nullable = false)
	private String message;

	@JdbcTypeCode(SqlTypes.JSON)
	private String data;

	@Column(name = "log_key")
	private String logKey;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	protected WorkflowLogEntity() {
	}

	public Long getId() {
		return this.id;
	}

	public String getRunId() {
		return this.runId;
	}

	public String getStepName() {
		return this.stepName;
	}

	public String getLevel() {
		return this.level;
	}

	public String getMessage() {
		return this.message;
	}

	public String getData() {
		return this.data;
	}

	public String getLogKey() {
		return this.logKey;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

}
