package io.durableflow.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.util.unit.DataSize;

/**
 * YAML workflow definitions ({@code durableflow.definitions.*}), read from pack folders
 * at start-up.
 */
public class DefinitionsProperties {

	/**
	 * Where packs are: each child folder of a location is a pack
	 * ({@code <pack>/workflows/<name>.yaml},
	 * {@code <pack>/actions/workflows/<name>.workflow.yaml}). {@code classpath*:} and
	 * {@code file:} locations.
	 */
	private List<String> locations = new ArrayList<>(List.of("classpath*:durableflow/packs/"));

	/**
	 * Largest definition file read; larger ones are refused, naming file and limit.
	 */
	private DataSize maxFileSize = DataSize.ofMegabytes(1);

	/**
	 * Whether a definition with an error stops the start-up; otherwise problems are
	 * logged and shown, and the good definitions are registered.
	 */
	private boolean failOnError;

	/**
	 * Per pack, configuration that overrides the pack's own {@code config.yaml}
	 * ({@code durableflow.definitions.packs.<pack>.config.<key>}).
	 */
	private final Map<String, Pack> packs = new LinkedHashMap<>();

	public List<String> getLocations() {
		return this.locations;
	}

	public void setLocations(List<String> locations) {
		this.locations = locations;
	}

	public DataSize getMaxFileSize() {
		return this.maxFileSize;
	}

	public void setMaxFileSize(DataSize maxFileSize) {
		this.maxFileSize = maxFileSize;
	}

	public boolean isFailOnError() {
		return this.failOnError;
	}

	public void setFailOnError(boolean failOnError) {
		this.failOnError = failOnError;
	}

	public Map<String, Pack> getPacks() {
		return this.packs;
	}

	/** One pack's settings. */
	public static class Pack {

		/**
		 * Overrides of the pack's {@code config.yaml}, as {@code pack.config} in
		 * templates.
		 */
		private final Map<String, Object> config = new LinkedHashMap<>();

		public Map<String, Object> getConfig() {
			return this.config;
		}

	}

}
