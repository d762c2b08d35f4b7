package io.durableflow.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import java.util.regex.Pattern;

import io.durableflow.ArtifactRef;
import org.jspecify.annotations.Nullable;

/**
 * An {@link ArtifactStore} that keeps the bytes in files under a root folder
 * ({@code durableflow.artifacts.store=filesystem},
 * {@code durableflow.artifacts.filesystem.root}), the metadata staying in the database. A
 * file's path comes from the artifact's id alone ({@code <root>/<first two characters
 * of the id>/<id>}), never from the name a workflow gave, so no name can reach outside
 * the root. A file is written to a temporary file, forced to disk and moved into place,
 * so a reader never sees half of it. Several instances share the folder when it is on a
 * shared file system.
 */
public class FileSystemArtifactStore implements ArtifactStore {

	private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

	private final Path root;

	/**
	 * Creates the root folder if needed and checks that files can be written there.
	 * @throws IllegalStateException if it cannot be created or written to
	 */
	public FileSystemArtifactStore(Path root) {
		this.root = root.toAbsolutePath().normalize();
		try {
			Files.createDirectories(this.root);
			Path probe = Files.createTempFile(this.root, ".probe-", ".tmp");
			Files.delete(probe);
		}
		catch (IOException | UncheckedIOException | SecurityException ex) {
			throw new IllegalStateException("durableflow.artifacts.filesystem.root " + this.root
					+ " is not a folder DurableFlow can write artifacts to (" + ex + "); create it and make it "
					+ "writable by this process, or use durableflow.artifacts.store=jdbc", ex);
		}
	}

	/** The root folder, absolute. */
	public Path root() {
		return this.root;
	}

	@Override
	public String put(String runId, ArtifactRef artifact, byte[] body) throws IOException {
		String location = locationOf(artifact.id());
		Path target = resolve(location);
		Files.createDirectories(target.getParent());
		Path temporary = target.resolveSibling(artifact.id() + "." + UUID.randomUUID() + ".tmp");
		try {
			try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
					StandardOpenOption.WRITE)) {
				ByteBuffer buffer = ByteBuffer.wrap(body);
				while (buffer.hasRemaining()) {
					channel.write(buffer);
				}
				channel.force(true);
			}
			move(temporary, target);
		}
		finally {
			Files.deleteIfExists(temporary);
		}
		forceFolder(target.getParent());
		return location;
	}

	@Override
	public InputStream open(ArtifactRef artifact, String location) throws IOException {
		return Files.newInputStream(resolve(location));
	}

	@Override
	public void delete(String artifactId, @Nullable String location) throws IOException {
		Files.deleteIfExists(resolve((location != null) ? location : locationOf(artifactId)));
	}

	private static String locationOf(String id) {
		if (!ID.matcher(id).matches()) {
			throw new IllegalArgumentException("Not an artifact id: '" + id + "'");
		}
		return id.substring(0, 2) + "/" + id;
	}

	/** The file of a location, which must lie under the root. */
	private Path resolve(String location) throws IOException {
		Path file = this.root.resolve(location).normalize();
		if (!file.startsWith(this.root) || file.equals(this.root)) {
			throw new IOException("Artifact location '" + location + "' is outside " + this.root);
		}
		return file;
	}

	private static void move(Path from, Path to) throws IOException {
		try {
			Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	/** Makes the new directory entry durable too (where the platform allows it). */
	private static void forceFolder(Path folder) {
		try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
			channel.force(true);
		}
		catch (IOException ex) {
			// some platforms cannot open a folder; the file's own data is forced already
		}
	}

}
