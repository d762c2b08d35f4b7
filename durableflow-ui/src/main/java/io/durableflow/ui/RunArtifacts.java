package io.durableflow.ui;

import java.util.List;

import io.durableflow.ArtifactRef;
import io.durableflow.WorkflowArtifacts;
import org.jspecify.annotations.Nullable;

/**
 * The run page's list of artifacts: each with its size in words and its download path.
 */
record RunArtifacts(ArtifactRef artifact, String size, String downloadPath) {

	static List<RunArtifacts> of(@Nullable WorkflowArtifacts artifacts, DurableFlowUiProperties properties,
			String runId) {
		if (artifacts == null) {
			return List.of();
		}
		return artifacts.list(runId)
			.stream()
			.map((artifact) -> new RunArtifacts(artifact, size(artifact.size()),
					DurableFlowArtifactsApiController.downloadPath(properties.getPath(), runId, artifact)))
			.toList();
	}

	static String size(long bytes) {
		if (bytes < 1024) {
			return bytes + ((bytes == 1) ? " byte" : " bytes");
		}
		if (bytes < 1024 * 1024) {
			return String.format(java.util.Locale.ROOT, "%.1f KB", bytes / 1024.0);
		}
		return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
	}

}
