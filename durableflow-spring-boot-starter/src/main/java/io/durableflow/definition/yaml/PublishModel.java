package io.durableflow.definition.yaml;

import tools.jackson.databind.JsonNode;

import org.springframework.util.Assert;

/**
 * One publish directive of a transition: the variable {@code name} is set to
 * {@code value} rendered (a template string, or any literal JSON value, kept as it is).
 *
 * @param name the variable
 * @param value the template or literal
 */
public record PublishModel(String name, JsonNode value) {

	public PublishModel {
		Assert.hasText(name, "A publish directive needs a variable name");
		value = value.deepCopy();
	}

	/** A copy: the model stays as it was read. */
	@Override
	public JsonNode value() {
		return this.value.deepCopy();
	}

}
