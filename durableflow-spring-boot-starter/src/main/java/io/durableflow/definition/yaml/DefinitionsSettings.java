package io.durableflow.definition.yaml;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;

/**
 * Where packs are and how they are loaded: the values of the
 * {@code durableflow.definitions.*} properties (API.md section 9), as a plain value.
 *
 * @param locations folders whose child folders are packs, as Spring resource locations:
 * {@code classpath*:durableflow/packs/} (the default), {@code file:/opt/packs/}
 * @param maxFileSize the size limit of one definition or config file
 * @param failOnError whether any error fails the load ({@link PackLoader#load()} throws)
 * instead of being reported while the valid definitions load
 * @param packConfig configuration by pack name ({@code packs.<pack>.config.*}), over the
 * values of each pack's {@code config.yaml}
 */
public record DefinitionsSettings(List<String> locations, DataSize maxFileSize, boolean failOnError,
		Map<String, Map<String, Object>> packConfig) {

	/** The default location of packs. */
	public static final String DEFAULT_LOCATION = "classpath*:durableflow/packs/";

	public DefinitionsSettings {
		locations = List.copyOf(locations);
		Assert.notNull(maxFileSize, "maxFileSize must not be null");
		Assert.isTrue(maxFileSize.toBytes() > 0, "maxFileSize must be positive");
		packConfig = Map.copyOf(packConfig);
	}

	public static DefinitionsSettings defaults() {
		return new DefinitionsSettings(List.of(DEFAULT_LOCATION), DefinitionParser.DEFAULT_MAX_FILE_SIZE, false,
				Map.of());
	}

	public DefinitionsSettings withLocations(String... locations) {
		return new DefinitionsSettings(List.of(locations), this.maxFileSize, this.failOnError, this.packConfig);
	}

	public DefinitionsSettings withMaxFileSize(DataSize maxFileSize) {
		return new DefinitionsSettings(this.locations, maxFileSize, this.failOnError, this.packConfig);
	}

	public DefinitionsSettings withFailOnError(boolean failOnError) {
		return new DefinitionsSettings(this.locations, this.maxFileSize, failOnError, this.packConfig);
	}

	public DefinitionsSettings withPackConfig(String pack, Map<String, Object> config) {
		Map<String, Map<String, Object>> all = new LinkedHashMap<>(this.packConfig);
		all.put(pack, Map.copyOf(config));
		return new DefinitionsSettings(this.locations, this.maxFileSize, this.failOnError, all);
	}

}
