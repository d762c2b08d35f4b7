package io.durableflow;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * The artifacts runs stored ({@link WorkflowContext#artifact}), to list and download: the
 * console's artifacts list and downloads use this bean. Its artifacts go when their run
 * is deleted.
 */
public interface WorkflowArtifacts {

	/**
	 * The run's artifacts, in the order they were stored.
	 * @throws RunNotFoundException if there is no such run
	 */
	List<ArtifactRef> list(String runId);

	/**
	 * The artifact {@code artifactId} of the run {@code runId}; empty when the run does
	 * not exist or has no such artifact (another run's artifact included).
	 */
	Optional<ArtifactRef> find(String runId, String artifactId);

	/**
	 * Opens the bytes of a stored artifact; the caller closes the stream.
	 * @throws IOException if the store cannot read them (they are gone, for one)
	 */
	InputStream open(ArtifactRef artifact) throws IOException;

}
