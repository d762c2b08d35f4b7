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
 * {@code durableflow.workflow_waits}: a run waiting for an event whose payload contains
 * {@code match}.
 */
@Entity
@Table(name = "workflow_waits", schema = "durableflow")
public class WorkflowWaitEntity {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "run_id", nullable = false)
	private String runId;

	@Column(name = "step_name", nullable = false)
	private String stepName;

	@Column(name = "event_name", nullable = false)
	private String eventName;

	@JdbcTypeCode(SqlTypes.JSON)
	@Column(nullable = false)
	private String match;

	@Column(nullable = false)
	private String status;

	@Column(name = "timeout_at")
	private Instant timeoutAt;

	@Column(name = "event_id")
	private Long eventId;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "resolved_at")
	private Instant resolvedAt;

	protected WorkflowWaitEntity() {
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

	public String getEventName() {
		return this.eventName;
	}

	public String getMatch() {
		return this.match;
	}

	public String getStatus() {
		return this.status;
	}

	public Instant getTimeoutAt() {
		return this.timeoutAt;
	}

	public Long getEventId() {
		return this.eventId;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public Instant getResolvedAt() {
		return this.resolvedAt;
	}

}
