package io.durableflow.artifact.engine;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import io.durableflow.ArtifactRef;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The rows of {@code durableflow.workflow_artifacts}: one per (run, step, name), written
 * before the bytes; a row whose {@code store_location} is set has its bytes stored.
 */
public class ArtifactRows {

	private static final String COLUMNS = "id, name, content_type, size, step_name, created_at, store_location, sha256";

	private final JdbcTemplate jdbc;

	public ArtifactRows(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * An artifact's row: its reference, and where its bytes are ({@code null}: not yet).
	 */
	public record Row(ArtifactRef ref, @Nullable String location, String sha256) {

		boolean stored() {
			return this.location != null;
		}

	}

	/**
	 * The row of (run, step, name): inserted with {@code candidate}'s id and metadata
	 * unless one exists, which is returned instead.
	 */
	Row reserve(String runId, ArtifactRef candidate, String sha256) {
		this.jdbc.update("INSERT INTO durableflow.workflow_artifacts (id, run_id, step_name, name, content_type, size, "
				+ "sha256, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (run_id, step_name, name) DO NOTHING",
				candidate.id(), runId, candidate.stepName(), candidate.name(), candidate.contentType(),
				candidate.size(), sha256, OffsetDateTime.ofInstant(candidate.createdAt(), ZoneOffset.UTC));
		return this.jdbc
			.query("SELECT " + COLUMNS + " FROM durableflow.workflow_artifacts WHERE run_id = ? AND step_name = ? "
					+ "AND name = ?", ArtifactRows::row, runId, candidate.stepName(), candidate.name())
			.stream()
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("Artifact '" + candidate.name() + "' of run " + runId
					+ " could not be recorded: its run was deleted meanwhile"));
	}

	/** Records that the bytes of an artifact are stored, with what they are. */
	void stored(ArtifactRef artifact, String location, String sha256) {
		this.jdbc.update(
				"UPDATE durableflow.workflow_artifacts SET store_location = ?, content_type = ?, size = ?, "
						+ "sha256 = ? WHERE id = ?",
				location, artifact.contentType(), artifact.size(), sha256, artifact.id());
	}

	/** The run's stored artifacts, in the order they were stored. */
	List<Row> list(String runId) {
		return this.jdbc.query("SELECT " + COLUMNS + " FROM durableflow.workflow_artifacts WHERE run_id = ? "
				+ "AND store_location IS NOT NULL ORDER BY seq", ArtifactRows::row, runId);
	}

	/** A stored artifact of the run. */
	Optional<Row> find(String runId, String id) {
		return this.jdbc
			.query("SELECT " + COLUMNS + " FROM durableflow.workflow_artifacts WHERE run_id = ? AND id = ? "
					+ "AND store_location IS NOT NULL", ArtifactRows::row, runId, id)
			.stream()
			.findFirst();
	}

	/** A stored artifact, by id. */
	Optional<Row> find(String id) {
		return this.jdbc
			.query("SELECT " + COLUMNS + " FROM durableflow.workflow_artifacts WHERE id = ? "
					+ "AND store_location IS NOT NULL", ArtifactRows::row, id)
			.stream()
			.findFirst();
	}

	boolean runExists(String runId) {
		return !this.jdbc.queryForList("SELECT 1 FROM durableflow.workflow_runs WHERE run_id = ?", Integer.class, runId)
			.isEmpty();
	}

	private static Row row(ResultSet rs, int index) throws SQLException {
		Instant createdAt = rs.getObject("created_at", OffsetDateTime.class).toInstant();
		ArtifactRef ref = new ArtifactRef(rs.getString("id"), rs.getString("name"), rs.getString("content_type"),
				rs.getLong("size"), rs.getString("step_name"), createdAt);
		return new Row(ref, rs.getString("store_location"), rs.getString("sha256"));
	}

}
