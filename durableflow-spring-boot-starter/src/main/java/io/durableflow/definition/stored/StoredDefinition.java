package io.durableflow.definition.stored;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A registered definition at one revision, as stored.
 *
 * @param ref its ref, unique
 * @param pack its pack
 * @param label its label, or {@code null}
 * @param description its description, or {@code null}
 * @param version the definition's own version text
 * @param revision ours: 1 for the first registration, one more per change
 * @param tags its tags
 * @param parametersJson its parameters as JSON Schema, or {@code null}
 * @param outputJson its output as JSON Schema, or {@code null}
 * @param definitionJson the normalized definition
 * @param source the YAML (or JSON) it was read from
 * @param origin {@code file} or {@code api}
 * @param location the file it was loaded from, or {@code null}
 * @param checksum SHA-256 of the source
 * @param createdAt when the ref was first registered
 * @param updatedAt when this revision was registered
 */
public record StoredDefinition(String ref, String pack, @Nullable String label, @Nullable String description,
		String version, int revision, List<String> tags, @Nullable String parametersJson, @Nullable String outputJson,
		String definitionJson, String source, String origin, @Nullable String location, String checksum,
		Instant createdAt, Instant updatedAt) {

	/** Where a definition was registered from. */
	public static final String FILE = "file";

	public static final String API = "api";

}
