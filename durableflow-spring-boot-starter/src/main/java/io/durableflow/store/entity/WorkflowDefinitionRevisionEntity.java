package io.durableflow.store.entity;

import java.io.Serializable;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * {@code durableflow.workflow_definition_revisions} (migration V11): every revision of
 * every definition, kept when the definition is deleted, so that a run reads the revision
 * it pinned ({@code workflow_runs.definition_revision}). Keyed by ref and revision
 * ({@link Key}).
 */
@Entity
@IdClass(WorkflowDefinitionRevisionEntity.Key.class)
@Table(name = "workflow_definition_revisions", schema = "durableflow")
public class WorkflowDefinitionRevisionEntity {

	@Id
	private String ref;

	@Id
	private int revision;

	@Column(nullable = false)
	private String version;

	/** The normalized definition of this revision. */
	@JdbcTypeCode(SqlTypes.JSON)
	@Column(nullable = false)
	private String definition;

	@Column(nullable = false)
	private String source;

	@Column(nullable = false)
	private String origin;

	private String location;

	@Column(nullable = false)
	private String checksum;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	protected WorkflowDefinitionRevisionEntity() {
	}

	public String getRef() {
		return this.ref;
	}

	public int getRevision() {
		return this.revision;
	}

	public String getVersion() {
		return this.version;
	}

	public String getDefinition() {
		return this.definition;
	}

	public String getSource() {
		return this.source;
	}

	public String getOrigin() {
		return this.origin;
	}

	public String getLocation() {
		return this.location;
	}

	public String getChecksum() {
		return this.checksum;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	/**
	 * A revision's key: its definition's ref and its number.
	 *
	 * @param ref the definition's ref
	 * @param revision the revision, from 1
	 */
	public record Key(String ref, int revision) implements Serializable {
	}

}
