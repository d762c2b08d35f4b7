package io.durableflow.definition.yaml;

import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code parameters} and {@code output} as JSON Schema. Two forms are accepted:
 * <ul>
 * <li>JSON Schema itself, taken as it is: a mapping with {@code $schema}, or with a
 * {@code type} whose value is a name or a list of names;</li>
 * <li>Attune's flat map, {@code name: {type, required, default, enum, items, description,
 * secret}}, converted to {@code {"type": "object", "properties": {...}, "required":
 * [...]}}. Every entry of a flat map is a mapping, so a top-level {@code type} that is a
 * name cannot be a parameter: that tells the two apart. In an entry,
 * {@code required: true} moves to the object's {@code required} list, {@code
 * secret: true} stays as a keyword of the property (it marks values to mask), and every
 * other JSON Schema keyword is kept as it is.</li>
 * </ul>
 */
final class ParameterSchemas {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final Set<String> TYPES = Set.of("string", "number", "integer", "boolean", "array", "object",
			"null");

	/** JSON Schema 2020-12's keywords, and {@code secret}: what a flat entry may hold. */
	private static final Set<String> KEYWORDS = Set.of("type", "required", "default", "enum", "items", "description",
			"secret", "const", "multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum", "maxLength",
			"minLength", "pattern", "maxItems", "minItems", "uniqueItems", "maxContains", "minContains",
			"maxProperties", "minProperties", "dependentRequired", "prefixItems", "contains", "properties",
			"patternProperties", "additionalProperties", "propertyNames", "format", "title", "examples", "deprecated",
			"readOnly", "writeOnly", "$ref", "allOf", "anyOf", "oneOf", "not", "if", "then", "else", "$defs",
			"$comment", "contentMediaType", "contentEncoding", "unevaluatedItems", "unevaluatedProperties",
			"dependentSchemas");

	private ParameterSchemas() {
	}

	static @Nullable JsonNode read(YamlEntries.@Nullable Entry entry, NodeJson json, Problems problems) {
		if (entry == null || Values.isNull(entry.value())) {
			return null;
		}
		if (!(entry.value() instanceof MappingNode mapping)) {
			problems.error(entry.valueLocation(), "'" + entry.key()
					+ "' must be a mapping: name: {type, required, ...} per parameter, or JSON Schema");
			return null;
		}
		YamlEntries entries = YamlEntries.of(mapping, entry.path(), problems);
		if (isJsonSchema(entries)) {
			return json.convert(mapping, entry.path());
		}
		return flat(entries, json, problems);
	}

	static boolean isJsonSchema(YamlEntries entries) {
		YamlEntries.Entry type = entries.get("type");
		return entries.has("$schema")
				|| (type != null && (type.value() instanceof ScalarNode || type.value() instanceof SequenceNode));
	}

	private static ObjectNode flat(YamlEntries entries, NodeJson json, Problems problems) {
		ObjectNode schema = NODES.objectNode();
		schema.put("type", "object");
		ObjectNode properties = schema.putObject("properties");
		ArrayNode required = NODES.arrayNode();
		for (YamlEntries.Entry parameter : entries.all()) {
			ObjectNode property = properties.putObject(parameter.key());
			if (Values.isNull(parameter.value())) {
				continue;
			}
			if (!(parameter.value() instanceof MappingNode mapping)) {
				problems.error(parameter.valueLocation(),
						"Parameter '" + parameter.key()
								+ "' must be a mapping such as {type: string, required: true}, was '"
								+ Values.shown(parameter.value()) + "'");
				continue;
			}
			YamlEntries fields = YamlEntries.of(mapping, parameter.path(), problems);
			for (YamlEntries.Entry field : fields.all()) {
				if (field.key().equals("required")) {
					if (Boolean.TRUE.equals(Values.bool(field, "required", problems))) {
						required.add(parameter.key());
					}
					continue;
				}
				if (!KEYWORDS.contains(field.key())) {
					String suggestion = Suggestions.closest(field.key(), KEYWORDS);
					problems.warning(field.keyLocation(),
							"Unknown key '" + field.key() + "' in parameter '" + parameter.key()
									+ "': not a JSON Schema keyword, kept but ignored"
									+ ((suggestion != null) ? " (did you mean '" + suggestion + "'?)" : ""));
				}
				JsonNode value = json.convert(field.value(), field.path());
				if (field.key().equals("type")) {
					checkType(field, value, problems);
				}
				property.set(field.key(), value);
			}
		}
		if (!required.isEmpty()) {
			schema.set("required", required);
		}
		return schema;
	}

	private static void checkType(YamlEntries.Entry field, JsonNode value, Problems problems) {
		boolean known = value.isString() ? TYPES.contains(value.stringValue())
				: value.isArray() && value.valueStream().allMatch((type) -> TYPES.contains(type.asString()));
		if (!known) {
			problems.error(field.valueLocation(), "Unknown type '" + Values.shown(field.value()) + "': one of "
					+ String.join(", ", TYPES.stream().sorted().toList()));
		}
	}

}
