package io.durableflow.definition.stored;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.durableflow.WorkflowDefinitions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A definition's parameters with the values its parameter schema marks
 * {@code secret: true} replaced by {@value WorkflowDefinitions#MASK}, for showing a run.
 * The schema is followed along the value, so secrets are found at any depth: through
 * {@code properties}, {@code patternProperties}, {@code additionalProperties},
 * {@code items} and {@code prefixItems}, local {@code $ref}s ({@code #/$defs/...}) and
 * every branch of {@code allOf}, {@code anyOf}, {@code oneOf}, {@code then} and
 * {@code else} (a value that one branch calls secret is masked, whichever branch it
 * matches). A secret value is masked whole, whatever its type; {@code null} stays
 * {@code null}.
 */
final class SecretParameters {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final List<String> BRANCHES = List.of("allOf", "anyOf", "oneOf");

	private SecretParameters() {
	}

	/** A copy of {@code value} with what {@code schema} marks secret masked. */
	static JsonNode mask(JsonNode schema, JsonNode value) {
		return mask(schema, expand(schema, List.of(schema)), value);
	}

	/** Whether {@code schema} marks anything secret, at any depth. */
	static boolean marksAny(JsonNode schema) {
		if (schema.isObject()) {
			JsonNode secret = schema.get("secret");
			if (secret != null && secret.isBoolean() && secret.booleanValue()) {
				return true;
			}
		}
		return schema.isContainer() && schema.values().stream().anyMatch(SecretParameters::marksAny);
	}

	private static JsonNode mask(JsonNode root, List<JsonNode> schemas, JsonNode value) {
		if (value.isNull() || schemas.isEmpty()) {
			return value;
		}
		if (schemas.stream().anyMatch(SecretParameters::isSecret)) {
			return NODES.stringNode(WorkflowDefinitions.MASK);
		}
		if (value.isObject()) {
			ObjectNode masked = NODES.objectNode();
			for (Map.Entry<String, JsonNode> field : value.properties()) {
				masked.set(field.getKey(),
						mask(root, expand(root, property(schemas, field.getKey())), field.getValue()));
			}
			return masked;
		}
		if (value.isArray()) {
			ArrayNode masked = NODES.arrayNode();
			for (int i = 0; i < value.size(); i++) {
				masked.add(mask(root, expand(root, item(schemas, i)), value.get(i)));
			}
			return masked;
		}
		return value;
	}

	private static boolean isSecret(JsonNode schema) {
		JsonNode secret = schema.get("secret");
		return secret != null && secret.isBoolean() && secret.booleanValue();
	}

	/** The schemas that apply to the property {@code name} of an object. */
	private static List<JsonNode> property(List<JsonNode> schemas, String name) {
		List<JsonNode> found = new ArrayList<>();
		for (JsonNode schema : schemas) {
			JsonNode declared = schema.path("properties").get(name);
			boolean matched = declared != null;
			if (declared != null) {
				found.add(declared);
			}
			for (Map.Entry<String, JsonNode> pattern : schema.path("patternProperties").properties()) {
				if (matches(pattern.getKey(), name)) {
					found.add(pattern.getValue());
					matched = true;
				}
			}
			if (!matched && schema.get("additionalProperties") != null) {
				found.add(schema.get("additionalProperties"));
			}
		}
		return found;
	}

	/** The schemas that apply to the item at {@code index} of an array. */
	private static List<JsonNode> item(List<JsonNode> schemas, int index) {
		List<JsonNode> found = new ArrayList<>();
		for (JsonNode schema : schemas) {
			JsonNode prefix = schema.get("prefixItems");
			JsonNode items = schema.get("items");
			if (prefix != null && prefix.isArray() && index < prefix.size()) {
				found.add(prefix.get(index));
			}
			else if (items != null && items.isArray()) {
				// draft 4 to 2019-09: a list of item schemas, then additionalItems
				found.add((index < items.size()) ? items.get(index) : schema.path("additionalItems"));
			}
			else if (items != null) {
				found.add(items);
			}
		}
		return found;
	}

	/**
	 * The object schemas among {@code schemas}, with every schema they bring in by
	 * {@code $ref} or a branch; each schema once, so a recursive {@code $ref} ends.
	 */
	private static List<JsonNode> expand(JsonNode root, List<JsonNode> schemas) {
		Set<JsonNode> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		List<JsonNode> expanded = new ArrayList<>();
		List<JsonNode> pending = new ArrayList<>(schemas);
		while (!pending.isEmpty()) {
			JsonNode schema = pending.remove(pending.size() - 1);
			if (!schema.isObject() || !seen.add(schema)) {
				continue;
			}
			expanded.add(schema);
			JsonNode ref = schema.get("$ref");
			if (ref != null && ref.isString() && ref.stringValue().startsWith("#")) {
				pending.add(resolve(root, ref.stringValue().substring(1)));
			}
			for (String branch : BRANCHES) {
				schema.path(branch).values().forEach(pending::add);
			}
			pending.add(schema.path("then"));
			pending.add(schema.path("else"));
		}
		return expanded;
	}

	private static JsonNode resolve(JsonNode root, String pointer) {
		try {
			return root.at(pointer);
		}
		catch (IllegalArgumentException ex) {
			// not a JSON pointer (an anchor): the value stays as it is
			return NODES.missingNode();
		}
	}

	private static boolean matches(String regex, String name) {
		try {
			return Pattern.compile(regex).matcher(name).find();
		}
		catch (PatternSyntaxException ex) {
			return false;
		}
	}

}
