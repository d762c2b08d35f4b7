package io.durableflow.definition.yaml;

import org.junit.jupiter.api.Test;

import static io.durableflow.definition.yaml.Parsing.definition;
import static io.durableflow.definition.yaml.Parsing.errors;
import static io.durableflow.definition.yaml.Parsing.model;
import static io.durableflow.definition.yaml.Parsing.warnings;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code parameters} and {@code output}: Attune's flat map or JSON Schema, always JSON
 * Schema after.
 */
class ParameterSchemaTests {

	private static final String TASKS = "tasks: [{name: a, action: core.noop}]\n";

	@Test
	void theFlatMapBecomesAnObjectSchemaWithTheRequiredOnesListed() {
		WorkflowDefinitionModel model = model(definition("""
				parameters:
				  environment:
				    type: string
				    enum: [dev, staging, production]
				    default: dev
				    description: "Target environment"
				  regions:
				    type: array
				    items: {type: string}
				    required: true
				  token:
				    type: string
				    required: true
				    secret: true
				  anything:
				""" + TASKS));
		assertThat(model.parameters()).hasToString("{\"type\":\"object\",\"properties\":{"
				+ "\"environment\":{\"type\":\"string\",\"enum\":[\"dev\",\"staging\",\"production\"],"
				+ "\"default\":\"dev\",\"description\":\"Target environment\"},"
				+ "\"regions\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}},"
				+ "\"token\":{\"type\":\"string\",\"secret\":true},\"anything\":{}},"
				+ "\"required\":[\"regions\",\"token\"]}");
	}

	@Test
	void aJsonSchemaIsTakenAsItIs() {
		WorkflowDefinitionModel model = model(definition("""
				output:
				  type: object
				  properties:
				    status: {type: string, enum: [success, failed]}
				  required: [status]
				""" + TASKS));
		assertThat(model.output()).hasToString("{\"type\":\"object\",\"properties\":{\"status\":"
				+ "{\"type\":\"string\",\"enum\":[\"success\",\"failed\"]}},\"required\":[\"status\"]}");
	}

	@Test
	void aParameterNamedTypeIsStillAFlatMapSinceItsValueIsAMapping() {
		WorkflowDefinitionModel model = model(
				definition("parameters:\n  type: {type: string, required: true}\n" + TASKS));
		assertThat(model.parameters()).hasToString(
				"{\"type\":\"object\",\"properties\":{\"type\":" + "{\"type\":\"string\"}},\"required\":[\"type\"]}");
	}

	@Test
	void aSchemaWithOnlyDollarSchemaIsJsonSchema() {
		assertThat(model(definition("parameters:\n  $schema: https://json-schema.org/draft/2020-12/schema\n"
				+ "  properties: {a: {type: string}}\n" + TASKS))
			.parameters()
			.has("$schema")).isTrue();
	}

	@Test
	void wrongShapesAndUnknownTypesAreErrorsAndUnknownKeywordsWarnings() {
		String yaml = definition("""
				parameters:
				  a: string
				  b: {type: strng}
				  c: {type: string, required: maybe}
				  d: {type: string, requried: true}
				""" + TASKS);
		assertThat(errors(yaml)).extracting(Parsing::at, DefinitionProblem::message)
			.containsExactly(
					org.assertj.core.groups.Tuple.tuple("4:6",
							"Parameter 'a' must be a mapping such as {type: string, required: true}, was 'string'"),
					org.assertj.core.groups.Tuple.tuple("5:13",
							"Unknown type 'strng': one of array, boolean, integer, null, number, object, string"),
					org.assertj.core.groups.Tuple.tuple("6:31", "required must be true or false, was 'maybe'"));
		assertThat(warnings(yaml)).extracting(DefinitionProblem::message)
			.containsExactly("Unknown key 'requried' in parameter 'd': not a JSON Schema keyword, kept but ignored "
					+ "(did you mean 'required'?)");
	}

}
