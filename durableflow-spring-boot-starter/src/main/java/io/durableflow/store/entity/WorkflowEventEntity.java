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
 * {@code durableflow.workflow_events}: an event delivered with
 * {@code DurableFlow.notify}.
 */
@Entity
@Table(name = "workflow_events", schema = "durableflow")
public class WorkflowEventEntity {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "event_name", nullable = false)
	private String eventName;

	@JdbcTypeCode(SqlTypes.JSON)
	@Column(nullable = false)
	private String payload;

	@Column(name = "matched_count", nullable = false)
	private int matchedCount;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	protected WorkflowEventEntity() {
	}

	public Long getId() {
		return this.id;
	}

	public String getEventName() {
		return this.eventName;
	}

	public String getPayload() {
		return this.payload;
	}

	public int getMatchedCount() {
		return this.matchedCount;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

}
