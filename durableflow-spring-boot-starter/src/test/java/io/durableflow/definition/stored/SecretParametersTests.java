package io.durableflow.definition.stored;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Values a parameter schema marks {@code secret: true} are masked along the schema, at
 * any depth, and nothing else changes.
 */
class SecretParametersTests {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	@Test
	void aSecretPropertyIsMaskedWhateverItsTypeAndTheOthersAreKept() {
		assertThat(mask("""
				{"type": "object", "properties": {"token": {"type": "string", "secret": true},
				 "pin": {"secret": true}, "key": {"secret": true}, "region": {"type": "string"},
				 "public": {"type": "string", "secret": false}}}""", """
				{"token": "s3cr3t", "pin": 1234, "key": {"id": "a", "bytes": [1, 2]}, "region": "eu",
				 "public": "shown", "undeclared": "kept"}""")).isEqualTo(json("""
				{"token": "******", "pin": "******", "key": "******", "region": "eu", "public": "shown",
				 "undeclared": "kept"}"""));
	}

	@Test
	void nullStaysNullAndAnInputWithoutTheSecretIsUnchanged() {
		String schema = "{\"type\": \"object\", \"properties\": {\"token\": {\"secret\": true}}}";
		assertThat(mask(schema, "{\"token\": null, \"a\": 1}")).isEqualTo(json("{\"token\": null, \"a\": 1}"));
		assertThat(mask(schema, "{\"a\": [1, {\"token\": \"x\"}]}"))
			.isEqualTo(json("{\"a\": [1, {\"token\": \"x\"}]}"));
	}

	@Test
	void nestedObjectsArraysAndMapsAreFollowed() {
		assertThat(mask("""
				{"type": "object", "properties": {
				  "credentials": {"type": "object", "properties": {"user": {"type": "string"},
				                  "password": {"type": "string", "secret": true}}},
				  "accounts": {"type": "array", "items": {"type": "object",
				               "properties": {"name": {}, "apiKey": {"secret": true}}}},
				  "pair": {"type": "array", "prefixItems": [{"type": "string"}, {"secret": true}]},
				  "tokens": {"type": "object", "additionalProperties": {"secret": true},
				             "properties": {"note": {"type": "string"}}},
				  "headers": {"type": "object", "patternProperties": {"^X-Secret-": {"secret": true}}}}}""", """
				{"credentials": {"user": "ada", "password": "pw"},
				 "accounts": [{"name": "a", "apiKey": "k1"}, {"name": "b", "apiKey": "k2"}],
				 "pair": ["id", "hidden"],
				 "tokens": {"github": "g", "gitlab": "l", "note": "shown"},
				 "headers": {"X-Secret-Auth": "h", "Accept": "json"}}""")).isEqualTo(json("""
				{"credentials": {"user": "ada", "password": "******"},
				 "accounts": [{"name": "a", "apiKey": "******"}, {"name": "b", "apiKey": "******"}],
				 "pair": ["id", "******"],
				 "tokens": {"github": "******", "gitlab": "******", "note": "shown"},
				 "headers": {"X-Secret-Auth": "******", "Accept": "json"}}"""));
	}

	@Test
	void localRefsEvenRecursiveOnesAndEveryBranchOfACombinationAreFollowed() {
		String schema = """
				{"type": "object", "$defs": {
				   "node": {"type": "object", "properties": {"secret": {"$ref": "#/$defs/hidden"},
				            "children": {"type": "array", "items": {"$ref": "#/$defs/node"}}}},
				   "hidden": {"type": "string", "secret": true}},
				 "properties": {"tree": {"$ref": "#/$defs/node"},
				   "auth": {"oneOf": [{"type": "object", "properties": {"password": {"secret": true}}},
				                      {"type": "object", "properties": {"token": {"secret": true}}}]},
				   "mixed": {"allOf": [{"properties": {"a": {"secret": true}}}, {"properties": {"b": {}}}]},
				   "anchored": {"$ref": "#anchor"}}}""";
		assertThat(mask(schema, """
				{"tree": {"secret": "root", "children": [{"secret": "child", "children": [{"secret": "deep"}]}]},
				 "auth": {"token": "t", "user": "u"}, "mixed": {"a": 1, "b": 2}, "anchored": "as is"}""")).isEqualTo(
				json("""
						{"tree": {"secret": "******", "children": [{"secret": "******",
						          "children": [{"secret": "******"}]}]},
						 "auth": {"token": "******", "user": "u"}, "mixed": {"a": "******", "b": 2}, "anchored": "as is"}"""));
	}

	@Test
	void aSchemaTellsWhetherItMarksAnythingSecret() {
		assertThat(SecretParameters.marksAny(json("{\"type\": \"object\", \"properties\": {\"a\": {}}}"))).isFalse();
		assertThat(SecretParameters.marksAny(json("{\"properties\": {\"secret\": {\"type\": \"string\"}}}"))).isFalse();
		assertThat(SecretParameters.marksAny(json("{\"properties\": {\"a\": {\"secret\": \"yes\"}}}"))).isFalse();
		assertThat(SecretParameters.marksAny(json("{\"properties\": {\"a\": {\"items\": [{}, {\"secret\": true}]}}}")))
			.isTrue();
	}

	private static JsonNode mask(String schema, String input) {
		JsonNode value = json(input);
		JsonNode copy = value.deepCopy();
		JsonNode masked = SecretParameters.mask(json(schema), value);
		assertThat(value).as("the input itself is left as it was").isEqualTo(copy);
		return masked;
	}

	private static JsonNode json(String text) {
		return MAPPER.readTree(text);
	}

}
