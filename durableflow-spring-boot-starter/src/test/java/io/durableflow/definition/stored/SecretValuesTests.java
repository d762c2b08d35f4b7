package io.durableflow.definition.stored;

import java.util.Set;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The values of a run's secret parameters are found from what the schema masked, and
 * other JSON (steps' inputs and results, the output) is masked where it holds them as
 * they are.
 */
class SecretValuesTests {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final String SCHEMA = """
			{"type": "object", "properties": {"token": {"secret": true}, "pin": {"secret": true},
			 "key": {"secret": true}, "region": {"type": "string"}}}""";

	@Test
	void theSecretValuesAreTheScalarsTheSchemaMaskedAtAnyDepth() {
		JsonNode input = json("""
				{"token": "tok-1234", "pin": 4711, "key": {"id": "k-9", "parts": ["abc", true, null]},
				 "region": "eu"}""");
		assertThat(SecretValues.of(input, SecretParameters.mask(json(SCHEMA), input)))
			.containsExactlyInAnyOrder("tok-1234", "4711", "k-9", "abc");
	}

	@Test
	void aValueGivenAsTheMaskItselfIsNoSecretToLookFor() {
		JsonNode input = json("{\"token\": \"******\", \"region\": \"eu\"}");
		assertThat(SecretValues.of(input, SecretParameters.mask(json(SCHEMA), input))).isEmpty();
	}

	@Test
	void equalValuesAndStringsContainingALongEnoughSecretAreMaskedTheRestKept() {
		Set<String> secrets = Set.of("tok-1234", "4711", "abc");
		assertThat(SecretValues.mask(json("""
				{"a": "tok-1234", "b": "Bearer tok-1234", "c": 4711, "d": "pin 4711", "e": "abc", "f": "abcdef",
				 "g": [{"h": "tok-1234x"}, 47110, "eu"], "i": true}"""), secrets)).isEqualTo(json("""
				{"a": "******", "b": "******", "c": "******", "d": "******", "e": "******", "f": "abcdef",
				 "g": [{"h": "******"}, 47110, "eu"], "i": true}"""));
	}

	private static JsonNode json(String text) {
		return MAPPER.readTree(text);
	}

}
