package io.durableflow.definition.yaml;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Typed reads of YAML values. A value of the wrong shape is an error at the value, and
 * reads as absent; an empty value ({@code key:}) reads as absent.
 */
final class Values {

	private Values() {
	}

	static boolean isNull(Node node) {
		return node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL);
	}

	/** Text, whatever type YAML resolves for it: {@code version: 1.10} is "1.10". */
	static @Nullable String text(YamlEntries.@Nullable Entry entry, String what, Problems problems) {
		if (entry == null || isNull(entry.value())) {
			return null;
		}
		if (entry.value() instanceof ScalarNode scalar) {
			return scalar.getValue();
		}
		problems.error(entry.valueLocation(), what + " must be text, not a list or mapping");
		return null;
	}

	static @Nullable Integer integer(YamlEntries.@Nullable Entry entry, String what, Problems problems) {
		Long value = wholeNumber(entry, what, problems);
		if (value == null) {
			return null;
		}
		if (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE) {
			problems.error(entry.valueLocation(), what + " is too large: " + value);
			return null;
		}
		return value.intValue();
	}

	static @Nullable Long wholeNumber(YamlEntries.@Nullable Entry entry, String what, Problems problems) {
		if (entry == null || isNull(entry.value())) {
			return null;
		}
		if (entry.value() instanceof ScalarNode scalar && scalar.getTag().equals(Tag.INT)) {
			try {
				return Long.parseLong(scalar.getValue().replace("_", ""));
			}
			catch (NumberFormatException ex) {
				// 0x1F, 0o17 and the like: refused below like any other non-decimal text
			}
		}
		problems.error(entry.valueLocation(), what + " must be a whole number, was '" + shown(entry.value()) + "'");
		return null;
	}

	static @Nullable Boolean bool(YamlEntries.@Nullable Entry entry, String what, Problems problems) {
		if (entry == null || isNull(entry.value())) {
			return null;
		}
		if (entry.value() instanceof ScalarNode scalar && scalar.getTag().equals(Tag.BOOL)) {
			String text = scalar.getValue().toLowerCase();
			return text.equals("true") || text.equals("yes") || text.equals("on") || text.equals("y");
		}
		problems.error(entry.valueLocation(), what + " must be true or false, was '" + shown(entry.value()) + "'");
		return null;
	}

	/** A name or a list of names, each with its location. */
	static List<Named> names(Node node, String path, String what, Problems problems) {
		List<Named> names = new ArrayList<>();
		if (node instanceof ScalarNode scalar && !isNull(node)) {
			names.add(new Named(scalar.getValue(), SourceLocation.of(scalar, path)));
		}
		else if (node instanceof SequenceNode sequence) {
			for (int i = 0; i < sequence.getValue().size(); i++) {
				Node item = sequence.getValue().get(i);
				String itemPath = SourceMap.index(path, i);
				if (item instanceof ScalarNode scalar && !isNull(item)) {
					names.add(new Named(scalar.getValue(), SourceLocation.of(scalar, itemPath)));
				}
				else {
					problems.error(SourceLocation.of(item, itemPath), what + " lists task names, one per item");
				}
			}
		}
		else {
			problems.error(SourceLocation.of(node, path), what + " must be a task name or a list of task names");
		}
		return names;
	}

	static String shown(Node node) {
		if (node instanceof ScalarNode scalar) {
			String value = scalar.getValue();
			return (value.length() > 40) ? value.substring(0, 40) + "..." : value;
		}
		return (node instanceof SequenceNode) ? "a list" : "a mapping";
	}

	/** A name read from the source, and where it is. */
	record Named(String name, SourceLocation location) {

	}

}
