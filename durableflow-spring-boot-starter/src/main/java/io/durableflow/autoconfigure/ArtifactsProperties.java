package io.durableflow.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.util.unit.DataSize;

/**
 * Artifacts ({@code durableflow.artifacts.*}): files runs store with
 * {@code flow.artifact}, where their bytes are kept and how large they may be.
 */
public class ArtifactsProperties {

	/**
	 * Where artifacts' bytes are kept: in their row of durableflow.workflow_artifacts
	 * ("jdbc"), or in files under durableflow.artifacts.filesystem.root ("filesystem").
	 * Either way the metadata is in the database. Ignored when the application declares
	 * its own ArtifactStore bean.
	 */
	private Store store = Store.JDBC;

	/**
	 * Largest artifact stored; a larger one fails its step with the permanent error
	 * "artifact_too_large" and nothing is stored.
	 */
	private DataSize maxSize = DataSize.ofMegabytes(10);

	/**
	 * How often each instance deletes from the store the bytes of artifacts whose rows
	 * went with their runs (bytes kept in the row go with it at once).
	 */
	private Duration removalInterval = Duration.ofSeconds(10);

	private final Filesystem filesystem = new Filesystem();

	public Store getStore() {
		return this.store;
	}

	public void setStore(Store store) {
		this.store = store;
	}

	public DataSize getMaxSize() {
		return this.maxSize;
	}

	public void setMaxSize(DataSize maxSize) {
		this.maxSize = maxSize;
	}

	public Duration getRemovalInterval() {
		return this.removalInterval;
	}

	public void setRemovalInterval(Duration removalInterval) {
		this.removalInterval = removalInterval;
	}

	public Filesystem getFilesystem() {
		return this.filesystem;
	}

	/** Where artifacts' bytes are kept. */
	public enum Store {

		/** In the artifact's row in the database. */
		JDBC,

		/** In files under {@code durableflow.artifacts.filesystem.root}. */
		FILESYSTEM

	}

	/** The filesystem store's settings. */
	public static class Filesystem {

		/**
		 * Folder the filesystem store writes artifacts' files to, created if missing;
		 * required with durableflow.artifacts.store=filesystem, and must be writable.
		 * Instances that share a database must share this folder.
		 */
		private @Nullable Path root;

		public @Nullable Path getRoot() {
			return this.root;
		}

		public void setRoot(@Nullable Path root) {
			this.root = root;
		}

	}

}
