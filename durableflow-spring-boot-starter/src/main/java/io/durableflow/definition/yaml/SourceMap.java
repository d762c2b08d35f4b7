package io.durableflow.definition.yaml;

import java.util.HashMap;
import java.util.Map;

/**
 * Where each part of the model came from: a model path ({@code tasks[2].next[0].do[0]})
 * to the location of its source, whose path may differ when a legacy field was normalized
 * (that target may be {@code tasks[2].on_success} in the file).
 */
final class SourceMap {

	private final Map<String, SourceLocation> locations = new HashMap<>();

	void put(String modelPath, SourceLocation location) {
		this.locations.put(modelPath, location);
	}

	/** The location of the model path, or of its nearest ancestor that has one. */
	SourceLocation locate(String modelPath) {
		String path = modelPath;
		while (true) {
			SourceLocation location = this.locations.get(path);
			if (location != null) {
				return location;
			}
			if (path.isEmpty()) {
				return SourceLocation.DOCUMENT;
			}
			path = parent(path);
		}
	}

	static String parent(String path) {
		int cut = path.endsWith("]") ? path.lastIndexOf('[') : path.lastIndexOf('.');
		return (cut <= 0) ? "" : path.substring(0, cut);
	}

	static String child(String path, String key) {
		boolean plain = !key.isEmpty()
				&& key.chars().allMatch((c) -> Character.isLetterOrDigit(c) || c == '_' || c == '-');
		if (!plain) {
			return path + "[\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
		}
		return path.isEmpty() ? key : path + "." + key;
	}

	static String index(String path, int index) {
		return path + "[" + index + "]";
	}

}
