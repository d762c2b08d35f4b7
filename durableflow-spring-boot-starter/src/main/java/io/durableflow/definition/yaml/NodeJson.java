package io.durableflow.definition.yaml;

import java.math.BigInteger;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * YAML nodes as JSON, every node's location recorded under its path. Scalars get the JSON
 * type YAML resolves for them (SnakeYAML's YAML 1.1 rules: {@code yes} is a boolean,
 * {@code 0x1F} a number), except timestamps and values JSON cannot hold (such as
 * {@code .nan}), which stay text as written. Only the standard tags are accepted.
 */
final class NodeJson {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final Set<Tag> STANDARD = Set.of(Tag.MAP, Tag.SEQ, Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL,
			Tag.TIMESTAMP, Tag.BINARY);

	private final Scalars scalars;

	private final Problems problems;

	private final SourceMap sourceMap;

	private final Set<Node> converting = Collections.newSetFromMap(new IdentityHashMap<>());

	NodeJson(LoaderOptions options, Problems problems, SourceMap sourceMap) {
		this.scalars = new Scalars(options);
		this.problems = problems;
		this.sourceMap = sourceMap;
	}

	JsonNode convert(Node node, String path) {
		return convert(node, path, path);
	}

	/**
	 * The node as JSON; its location, under its source path, is recorded for the model
	 * path (they differ where a legacy field was normalized), and so are its children's.
	 */
	JsonNode convert(Node node, String modelPath, String path) {
		this.sourceMap.put(modelPath, SourceLocation.of(node, path));
		if (!STANDARD.contains(node.getTag())) {
			this.problems.error(SourceLocation.of(node, path),
					"Tag " + node.getTag() + " is not supported: remove it, values are plain YAML");
			return NODES.nullNode();
		}
		if (!this.converting.add(node)) {
			this.problems.error(SourceLocation.of(node, path), "An alias refers to a value that contains it");
			return NODES.nullNode();
		}
		try {
			if (node instanceof MappingNode mapping) {
				ObjectNode object = NODES.objectNode();
				for (YamlEntries.Entry entry : YamlEntries.of(mapping, path, this.problems).all()) {
					object.set(entry.key(),
							convert(entry.value(), SourceMap.child(modelPath, entry.key()), entry.path()));
				}
				return object;
			}
			if (node instanceof SequenceNode sequence) {
				ArrayNode array = NODES.arrayNode();
				List<Node> items = sequence.getValue();
				for (int i = 0; i < items.size(); i++) {
					array.add(convert(items.get(i), SourceMap.index(modelPath, i), SourceMap.index(path, i)));
				}
				return array;
			}
			return scalar((ScalarNode) node, path);
		}
		finally {
			this.converting.remove(node);
		}
	}

	private JsonNode scalar(ScalarNode node, String path) {
		Tag tag = node.getTag();
		if (tag.equals(Tag.STR) || tag.equals(Tag.TIMESTAMP) || tag.equals(Tag.BINARY)) {
			return NODES.stringNode(node.getValue());
		}
		Object value;
		try {
			value = this.scalars.value(node);
		}
		catch (YAMLException ex) {
			this.problems.error(SourceLocation.of(node, path),
					"Cannot read '" + node.getValue() + "': " + ex.getMessage().lines().findFirst().orElse(""));
			return NODES.nullNode();
		}
		if (value == null) {
			return NODES.nullNode();
		}
		if (value instanceof Boolean bool) {
			return NODES.booleanNode(bool);
		}
		if (value instanceof Integer number) {
			return NODES.numberNode(number);
		}
		if (value instanceof Long number) {
			return NODES.numberNode(number);
		}
		if (value instanceof BigInteger number) {
			return NODES.numberNode(number);
		}
		if (value instanceof Double number && Double.isFinite(number)) {
			return NODES.numberNode(number);
		}
		return NODES.stringNode(node.getValue());
	}

	/** SnakeYAML's own scalar rules, applied one scalar at a time. */
	private static final class Scalars extends SafeConstructor {

		Scalars(LoaderOptions options) {
			super(options);
		}

		Object value(ScalarNode node) {
			return constructObject(node);
		}

	}

}
