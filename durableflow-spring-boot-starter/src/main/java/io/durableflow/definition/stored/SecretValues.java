package io.durableflow.definition.stored;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import io.durableflow.WorkflowDefinitions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The values of a run's secret parameters, and other JSON (its steps' inputs and results)
 * with them masked: a string or number equal to a secret value, or a string that contains
 * one of at least {@value #MIN_CONTAINED} characters, becomes
 * {@value WorkflowDefinitions#MASK}. That catches a task's input copied from the
 * parameters (a task without {@code input} gets them all) and a value an action echoed;
 * not a secret that was transformed (encoded, split, hashed).
 */
final class SecretValues {

	/** The shortest secret that is masked inside a longer string, not only whole. */
	static final int MIN_CONTAINED = 4;

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private SecretValues() {
	}

	/**
	 * The secret values of {@code input}: its scalars that {@code masked} (its copy from
	 * {@link SecretParameters#mask}) replaced.
	 */
	static Set<String> of(JsonNode input, JsonNode masked) {
		Set<String> values = new HashSet<>();
		collect(input, masked, values);
		return values;
	}

	private static void collect(JsonNode input, JsonNode masked, Set<String> values) {
		if (masked.isString() && WorkflowDefinitions.MASK.equals(masked.stringValue())
				&& !(input.isString() && WorkflowDefinitions.MASK.equals(input.stringValue()))) {
			leaves(input, values);
		}
		else if (input.isObject() && masked.isObject()) {
			for (Map.Entry<String, JsonNode> field : input.properties()) {
				JsonNode copy = masked.get(field.getKey());
				if (copy != null) {
					collect(field.getValue(), copy, values);
				}
			}
		}
		else if (input.isArray() && masked.isArray()) {
			for (int i = 0; i < Math.min(input.size(), masked.size()); i++) {
				collect(input.get(i), masked.get(i), values);
			}
		}
	}

	private static void leaves(JsonNode value, Set<String> values) {
		if (value.isString() || value.isNumber()) {
			String text = value.isString() ? value.stringValue() : value.asString();
			if (!text.isEmpty()) {
				values.add(text);
			}
		}
		else if (value.isContainer()) {
			value.values().forEach((child) -> leaves(child, values));
		}
	}

	/** A copy of {@code value} with every secret in it masked. */
	static JsonNode mask(JsonNode value, Set<String> secrets) {
		if (value.isString()) {
			return isSecret(value.stringValue(), secrets) ? NODES.stringNode(WorkflowDefinitions.MASK) : value;
		}
		if (value.isNumber()) {
			return secrets.contains(value.asString()) ? NODES.stringNode(WorkflowDefinitions.MASK) : value;
		}
		if (value.isObject()) {
			ObjectNode masked = NODES.objectNode();
			value.properties().forEach((field) -> masked.set(field.getKey(), mask(field.getValue(), secrets)));
			return masked;
		}
		if (value.isArray()) {
			ArrayNode masked = NODES.arrayNode();
			value.values().forEach((item) -> masked.add(mask(item, secrets)));
			return masked;
		}
		return value;
	}

	private static boolean isSecret(String text, Set<String> secrets) {
		if (secrets.contains(text)) {
			return true;
		}
		for (String secret : secrets) {
			if (secret.length() >= MIN_CONTAINED && text.contains(secret)) {
				return true;
			}
		}
		return false;
	}

}
