package io.durableflow.definition.stored;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import io.durableflow.DefinitionNotStartableException;
import io.durableflow.InvalidParametersException;
import io.durableflow.InvalidParametersException.ParameterError;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A definition's start parameters checked against its parameter schema (JSON Schema,
 * 2020-12 unless the schema says otherwise): defaults fill missing and {@code null}
 * values first (of nested objects too, where they are given), then every error is
 * collected. Without a schema, any JSON object is accepted. The schema is compiled once,
 * on the first start. A {@code $ref} is resolved within the schema only: nothing is ever
 * fetched from a URL.
 */
final class ParameterCheck {

	private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
			(registry) -> registry.schemaLoader((loader) -> loader.fetchRemoteResources(false)));

	private final String ref;

	private final @Nullable JsonNode schemaNode;

	private final JsonMapper mapper;

	private volatile @Nullable Schema schema;

	ParameterCheck(String ref, @Nullable String schemaJson, JsonMapper mapper) {
		this.ref = ref;
		this.mapper = mapper;
		JsonNode node = (schemaJson != null) ? mapper.readTree(schemaJson) : null;
		this.schemaNode = (node != null && !node.isNull()) ? node : null;
	}

	/**
	 * The parameters to store: {@code input} with the schema's defaults filled in.
	 * @throws InvalidParametersException listing every error
	 */
	ObjectNode check(@Nullable Object input) {
		ObjectNode parameters = parameters(input);
		if (this.schemaNode == null) {
			return parameters;
		}
		fillDefaults(this.schemaNode, parameters);
		List<Error> found;
		try {
			found = schema().validate(parameters);
		}
		catch (SchemaException ex) {
			throw new DefinitionNotStartableException(this.ref,
					"its parameter schema cannot be used (" + ex.getMessage() + "); correct the definition");
		}
		if (!found.isEmpty()) {
			List<ParameterError> errors = new ArrayList<>(found.size());
			found.forEach((error) -> errors.add(new ParameterError(path(error), error.getMessage())));
			throw new InvalidParametersException(this.ref, errors);
		}
		return parameters;
	}

	private ObjectNode parameters(@Nullable Object input) {
		JsonNode node;
		try {
			node = (input == null) ? this.mapper.createObjectNode() : this.mapper.valueToTree(input);
		}
		catch (JacksonException ex) {
			throw new InvalidParametersException(this.ref,
					List.of(new ParameterError("", "cannot be read as JSON: " + ex.getOriginalMessage())));
		}
		if (node == null || node.isNull()) {
			return this.mapper.createObjectNode();
		}
		if (!(node instanceof ObjectNode object)) {
			throw new InvalidParametersException(this.ref, List.of(new ParameterError("",
					"parameters are a JSON object (name: value), was " + node.getNodeType().name().toLowerCase())));
		}
		return object.deepCopy();
	}

	private Schema schema() {
		Schema compiled = this.schema;
		if (compiled == null) {
			compiled = SCHEMAS.getSchema(this.schemaNode);
			this.schema = compiled;
		}
		return compiled;
	}

	/**
	 * Sets each property's {@code default} where the value is missing or {@code null},
	 * and goes on into the object values the schema describes.
	 */
	private static void fillDefaults(JsonNode schema, ObjectNode value) {
		JsonNode properties = schema.get("properties");
		if (properties == null || !properties.isObject()) {
			return;
		}
		for (Map.Entry<String, JsonNode> property : properties.properties()) {
			JsonNode given = value.get(property.getKey());
			JsonNode fallback = property.getValue().get("default");
			if ((given == null || given.isNull()) && fallback != null) {
				value.set(property.getKey(), fallback.deepCopy());
			}
			else if (given instanceof ObjectNode nested) {
				fillDefaults(property.getValue(), nested);
			}
		}
	}

	/**
	 * Where an error is, as definitions' paths are written ({@code recipients[2].email});
	 * a missing required property is named.
	 */
	private static String path(Error error) {
		StringBuilder path = new StringBuilder();
		NodePath location = error.getInstanceLocation();
		for (int i = 0; location != null && i < location.getNameCount(); i++) {
			Object element = location.getElement(i);
			if (element instanceof Integer index) {
				path.append('[').append(index).append(']');
			}
			else {
				path.append(path.isEmpty() ? "" : ".").append(element);
			}
		}
		if ("required".equals(error.getKeyword()) && error.getProperty() != null) {
			path.append(path.isEmpty() ? "" : ".").append(error.getProperty());
		}
		return path.toString();
	}

}
