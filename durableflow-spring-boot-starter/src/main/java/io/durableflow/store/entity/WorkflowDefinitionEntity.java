package io.durableflow.store.entity;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * {@code durableflow.workflow_definitions} (migration V11): one row a registered
 * definition, at its current revision. The registrar writes it with SQL
 * ({@code definition.stored.DefinitionStore}, in one transaction with its revision); the
 * read side maps it here. Every revision is a {@link WorkflowDefinitionRevisionEntity}.
 */
@Entity
@Table(name = "workflow_definitions", schema = "durableflow")
public class WorkflowDefinitionEntity {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(nullable = false, unique = true)
	private String ref;

	@Column(nullable = false)
	private String pack;

	private String label;

	private String description;

	/** The definition's own version text (its {@code version:} key). */
	@Column(nullable = false)
	private String version;

	/** Ours: 1 for the first registration, one more for each change. */
	@Column(nullable = false)
	private int revision;

	@JdbcTypeCode(SqlTypes.ARRAY)
	@Column(nullable = false)
	private List<String> tags;

	/** The start parameters as JSON Schema. */
	@JdbcTypeCode(SqlTypes.JSON)
	private String parameters;

	@JdbcTypeCode(SqlTypes.JSON)
	private String output;

	/** The normalized definition. */
	@JdbcTypeCode(SqlTypes.JSON)
	@Column(nullable = false)
	private String definition;

	@Column(nullable = false)
	private String source;

	/** {@code file} (a pack folder) or {@code api} (posted over REST). */
	@Column(nullable = false)
	private String origin;

	private String location;

	/** SHA-256 of the source. */
	@Column(nullable = false)
	private String checksum;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt;

	protected WorkflowDefinitionEntity() {
	}

	public Long getId() {
		return this.id;
	}

	public String getRef() {
		return this.ref;
	}

	public String getPack() {
		return this.pack;
	}

	public String getLabel() {
		return this.label;
	}

	public String getDescription() {
		return this.description;
	}

	public String getVersion() {
		return this.version;
	}

	public int getRevision() {
		return this.revision;
	}

	public List<String> getTags() {
		return List.copyOf(this.tags);
	}

	public String getParameters() {
		return this.parameters;
	}

	public String getOutput() {
		return this.output;
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

	public Instant getUpdatedAt() {
		return this.updatedAt;
	}

}
