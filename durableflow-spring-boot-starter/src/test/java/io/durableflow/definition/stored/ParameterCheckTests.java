package io.durableflow.definition.stored;

import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.durableflow.InvalidParametersException;
import io.durableflow.InvalidParametersException.ParameterError;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Start parameters against a definition's JSON Schema: defaults fill missing and null
 * values, every error is listed with its path, and nothing is fetched from a URL.
 */
class ParameterCheckTests {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final String SCHEMA = """
			{"type": "object",
			 "properties": {
			   "title": {"type": "string", "minLength": 2},
			   "count": {"type": "integer", "minimum": 1, "default": 3},
			   "mode": {"enum": ["fast", "slow"], "default": "slow"},
			   "owner": {"type": "object", "properties": {"team": {"type": "string", "default": "core"},
			             "email": {"type": "string"}}, "required": ["email"]},
			   "recipients": {"type": "array", "items": {"type": "object",
			                  "properties": {"email": {"type": "string"}}, "required": ["email"]}}},
			 "required": ["title", "count"]}""";

	@Test
	void defaultsFillMissingAndNullValuesAndNestedObjectsThatAreGiven() {
		ObjectNode checked = new ParameterCheck("docs.review", SCHEMA, MAPPER)
			.check(Map.of("title", "Plan", "owner", Map.of("email", "ada@example.com")));
		assertThat(checked).isEqualTo(MAPPER.readTree(
				"{\"title\":\"Plan\",\"owner\":{\"email\":\"ada@example.com\",\"team\":\"core\"},\"count\":3,\"mode\":\"slow\"}"));
		java.util.Map<String, Object> withNull = new java.util.HashMap<>(Map.of("title", "Plan"));
		withNull.put("count", null);
		assertThat(new ParameterCheck("docs.review", SCHEMA, MAPPER).check(withNull).get("count").asInt()).isEqualTo(3);
	}

	@Test
	void everyErrorIsListedWithItsPath() {
		assertThatExceptionOfType(InvalidParametersException.class)
			.isThrownBy(() -> new ParameterCheck("docs.review", SCHEMA, MAPPER).check(Map.of("title", "x", "count", 0,
					"mode", "medium", "owner", Map.of(), "recipients", List.of(Map.of("email", "a"), Map.of()))))
			.satisfies((ex) -> {
				assertThat(ex.workflowName()).isEqualTo("docs.review");
				assertThat(ex.errors()).extracting(ParameterError::path)
					.containsExactlyInAnyOrder("title", "count", "mode", "owner.email", "recipients[1].email");
				assertThat(ex.errors()).filteredOn((error) -> error.path().equals("count"))
					.singleElement()
					.satisfies((error) -> assertThat(error.message()).contains("minimum value of 1"));
				assertThat(ex.getMessage()).startsWith("Parameters of 'docs.review' do not fit its schema: ");
			});
	}

	@Test
	void aMissingRequiredParameterIsNamed() {
		assertThatExceptionOfType(InvalidParametersException.class)
			.isThrownBy(() -> new ParameterCheck("docs.review", SCHEMA, MAPPER).check(null))
			.satisfies((ex) -> assertThat(ex.errors()).singleElement()
				.isEqualTo(new ParameterError("title", "required property 'title' not found")));
	}

	@Test
	void parametersAreAJsonObject() {
		assertThatExceptionOfType(InvalidParametersException.class)
			.isThrownBy(() -> new ParameterCheck("docs.review", SCHEMA, MAPPER).check(List.of(1, 2)))
			.satisfies((ex) -> assertThat(ex.errors()).singleElement()
				.satisfies((error) -> assertThat(error.message()).contains("JSON object").contains("array")));
	}

	@Test
	void withoutASchemaAnyObjectIsTakenAsItIs() {
		assertThat(new ParameterCheck("docs.free", null, MAPPER).check(Map.of("a", 1)).toString())
			.isEqualTo("{\"a\":1}");
	}

	@Test
	void aReferenceToAUrlIsNeverFetched() throws Exception {
		AtomicInteger connections = new AtomicInteger();
		try (ServerSocket server = new ServerSocket(0)) {
			Thread accepting = new Thread(() -> {
				while (!server.isClosed()) {
					try (Socket socket = server.accept()) {
						connections.incrementAndGet();
					}
					catch (Exception ex) {
						return;
					}
				}
			});
			accepting.setDaemon(true);
			accepting.start();
			String schema = "{\"type\": \"object\", \"properties\": {\"a\": {\"$ref\": \"http://127.0.0.1:"
					+ server.getLocalPort() + "/a.json\"}}}";
			assertThatExceptionOfType(RuntimeException.class)
				.isThrownBy(() -> new ParameterCheck("docs.remote", schema, MAPPER).check(Map.of("a", 1)))
				.withMessageContaining("cannot be used");
			Thread.sleep(200);
		}
		assertThat(connections).hasValue(0);
	}

}
