package io.durableflow.artifact;

import java.io.IOException;
import java.io.InputStream;

import io.durableflow.ArtifactRef;
import org.jspecify.annotations.Nullable;

/**
 * Keeps the bytes of artifacts. The engine writes each artifact's row (id, run, step,
 * name, content type, size, SHA-256) first, then calls {@link #put}, then records the
 * location it returned; reads go through {@link #open}; once a row is gone (its run was
 * deleted) the engine's sweep calls {@link #delete}. A bean: declare one to replace the
 * default ({@link JdbcArtifactStore}).
 * <p>
 * Every method may be called again for the same artifact (a retry after a crash, another
 * instance, a stale worker): {@code put} overwrites, {@code delete} of what is not there
 * does nothing.
 */
public interface ArtifactStore {

	/**
	 * Stores the bytes of {@code artifact} (of run {@code runId}); they must be durable
	 * when this returns.
	 * @return where they are, recorded on the artifact's row and handed back to
	 * {@link #open} and {@link #delete} (at most 1,000 characters)
	 */
	String put(String runId, ArtifactRef artifact, byte[] body) throws IOException;

	/** Opens the bytes {@link #put} stored at {@code location}. */
	InputStream open(ArtifactRef artifact, String location) throws IOException;

	/**
	 * Deletes the bytes of the artifact {@code artifactId}, whose row is gone.
	 * @param location what {@link #put} returned, or {@code null} when the row was
	 * removed before a {@code put} was recorded (one may have stored bytes all the same)
	 */
	void delete(String artifactId, @Nullable String location) throws IOException;

}
