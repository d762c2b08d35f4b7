package io.durableflow.artifact;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import io.durableflow.ArtifactRef;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The default {@link ArtifactStore}: the bytes in the artifact's own row
 * ({@code durableflow.workflow_artifacts.body}), so they are backed up, replicated and
 * deleted with the run like the rest of it. Fine for artifacts of kilobytes to a few
 * megabytes; {@link FileSystemArtifactStore} keeps larger ones out of the database.
 */
public class JdbcArtifactStore implements ArtifactStore {

	/** The location recorded for bytes kept in the row. */
	public static final String LOCATION = "table";

	private final JdbcTemplate jdbc;

	public JdbcArtifactStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public String put(String runId, ArtifactRef artifact, byte[] body) throws IOException {
		int updated = this.jdbc.update("UPDATE durableflow.workflow_artifacts SET body = ? WHERE id = ?", body,
				artifact.id());
		if (updated == 0) {
			throw new IOException("Artifact " + artifact.id() + " of run " + runId + " has no row any more "
					+ "(its run was deleted): its bytes were not stored");
		}
		return LOCATION;
	}

	@Override
	public InputStream open(ArtifactRef artifact, String location) throws IOException {
		List<byte[]> bodies = this.jdbc.query(
				"SELECT body FROM durableflow.workflow_artifacts WHERE id = ? AND body IS NOT NULL",
				(row, index) -> row.getBytes(1), artifact.id());
		if (bodies.isEmpty()) {
			throw new IOException("Artifact " + artifact.id() + " has no bytes in the database");
		}
		return new ByteArrayInputStream(bodies.get(0));
	}

	/** Nothing to do: the bytes were in the row, and went with it. */
	@Override
	public void delete(String artifactId, @Nullable String location) {
	}

}
