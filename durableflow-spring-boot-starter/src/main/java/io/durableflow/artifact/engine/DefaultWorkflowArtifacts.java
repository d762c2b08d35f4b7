package io.durableflow.artifact.engine;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

import io.durableflow.ArtifactRef;
import io.durableflow.RunNotFoundException;
import io.durableflow.WorkflowArtifacts;
import io.durableflow.artifact.ArtifactStore;

/** The {@link WorkflowArtifacts} bean: rows from the table, bytes from the store. */
public class DefaultWorkflowArtifacts implements WorkflowArtifacts {

	private final ArtifactRows rows;

	private final ArtifactStore store;

	public DefaultWorkflowArtifacts(ArtifactRows rows, ArtifactStore store) {
		this.rows = rows;
		this.store = store;
	}

	@Override
	public List<ArtifactRef> list(String runId) {
		List<ArtifactRows.Row> found = this.rows.list(runId);
		if (found.isEmpty() && !this.rows.runExists(runId)) {
			throw new RunNotFoundException(runId);
		}
		return found.stream().map(ArtifactRows.Row::ref).toList();
	}

	@Override
	public Optional<ArtifactRef> find(String runId, String artifactId) {
		return this.rows.find(runId, artifactId).map(ArtifactRows.Row::ref);
	}

	@Override
	public InputStream open(ArtifactRef artifact) throws IOException {
		ArtifactRows.Row row = this.rows.find(artifact.id())
			.orElseThrow(() -> new IOException("Artifact " + artifact.id() + " is gone"));
		return this.store.open(row.ref(), row.location());
	}

}
