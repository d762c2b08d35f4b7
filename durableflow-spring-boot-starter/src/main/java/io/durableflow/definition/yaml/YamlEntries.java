package io.durableflow.definition.yaml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * The entries of one YAML mapping by key, in order. A key written twice is an error at
 * the second one (the first is kept); a key that is not a plain scalar is an error too.
 */
final class YamlEntries {

	private final Map<String, Entry> entries = new LinkedHashMap<>();

	private final String path;

	private final MappingNode node;

	private YamlEntries(MappingNode node, String path) {
		this.node = node;
		this.path = path;
	}

	static YamlEntries of(MappingNode node, String path, Problems problems) {
		YamlEntries entries = new YamlEntries(node, path);
		for (NodeTuple tuple : node.getValue()) {
			if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
				problems.error(SourceLocation.of(tuple.getKeyNode(), path),
						"A key must be a plain name, not a list or mapping");
				continue;
			}
			String key = keyNode.getValue();
			Entry first = entries.entries.get(key);
			if (first != null) {
				problems.error(SourceLocation.of(keyNode, SourceMap.child(path, key)), "Duplicate key '" + key
						+ "': it is already at line " + first.keyLocation().line() + "; remove one of them");
				continue;
			}
			entries.entries.put(key, new Entry(key, keyNode, tuple.getValueNode(), SourceMap.child(path, key)));
		}
		return entries;
	}

	MappingNode node() {
		return this.node;
	}

	String path() {
		return this.path;
	}

	SourceLocation location() {
		return SourceLocation.of(this.node, this.path);
	}

	@Nullable Entry get(String key) {
		return this.entries.get(key);
	}

	boolean has(String key) {
		return this.entries.containsKey(key);
	}

	List<Entry> all() {
		return new ArrayList<>(this.entries.values());
	}

	/** Warns about every key not in {@code known}, naming the closest known key. */
	void warnUnknown(Set<String> known, String what, Problems problems) {
		for (Entry entry : this.entries.values()) {
			if (!known.contains(entry.key())) {
				String suggestion = Suggestions.closest(entry.key(), known);
				problems.warning(entry.keyLocation(), "Unknown key '" + entry.key() + "' in " + what + ", ignored"
						+ ((suggestion != null) ? " (did you mean '" + suggestion + "'?)" : ""));
			}
		}
	}

	/** One key and its value. */
	record Entry(String key, ScalarNode keyNode, Node value, String path) {

		SourceLocation keyLocation() {
			return SourceLocation.of(this.keyNode, this.path);
		}

		SourceLocation valueLocation() {
			return SourceLocation.of(this.value, this.path);
		}

	}

}
