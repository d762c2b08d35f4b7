package io.durableflow.definition.yaml;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static io.durableflow.definition.yaml.Parsing.definition;
import static io.durableflow.definition.yaml.Parsing.errors;
import static io.durableflow.definition.yaml.Parsing.model;
import static io.durableflow.definition.yaml.Parsing.parse;
import static io.durableflow.definition.yaml.Parsing.warnings;
import static org.assertj.core.api.Assertions.assertThat;

/** Reading the text: YAML errors, limits and shapes, each reported where it is. */
class YamlReadingTests {

	@Test
	void malformedYamlIsOneErrorAtTheLineAndColumnOfTheProblem() {
		ParsedDefinition parsed = parse("""
				ref: tests.example
				version: "1.0"
				tasks:
				  - name: a
				    action: core.noop
				   input: {x: 1}
				""");
		assertThat(parsed.model()).isNull();
		assertThat(parsed.problems()).singleElement().satisfies((problem) -> {
			assertThat(problem.isError()).isTrue();
			assertThat(problem.file()).isEqualTo("test.yaml");
			assertThat(Parsing.at(problem)).isEqualTo("6:4");
			assertThat(problem.message()).startsWith("Not valid YAML: ");
		});
	}

	@Test
	void anUnclosedQuoteIsReportedWhereYamlNoticesIt() {
		assertThat(errors("ref: tests.example\nversion: \"1.0\ntasks: []\n")).singleElement()
			.satisfies((problem) -> assertThat(problem.message()).contains("Not valid YAML")
				.contains("found unexpected end of stream"));
	}

	@Test
	void aDuplicateKeyIsAnErrorAtTheSecondKeyNamingTheLineOfTheFirst() {
		assertThat(errors(definition("""
				tasks:
				  - name: a
				    action: core.noop
				    action: core.echo
				"""))).singleElement().satisfies((problem) -> {
			assertThat(Parsing.at(problem)).isEqualTo("6:5");
			assertThat(problem.path()).isEqualTo("tasks[0].action");
			assertThat(problem.message())
				.isEqualTo("Duplicate key 'action': it is already at line 5; remove one of them");
		});
	}

	@Test
	void aliasBombsAreRefusedAtTheAliasBeyondTheLimit() {
		StringBuilder yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
		for (int i = 1; i <= 8; i++) {
			yaml.append("a").append(i).append(": &a").append(i).append(" [");
			for (int j = 0; j < 9; j++) {
				yaml.append((j > 0) ? ", " : "").append("*a").append(i - 1);
			}
			yaml.append("]\n");
		}
		assertThat(errors(yaml.toString())).singleElement().satisfies((problem) -> {
			assertThat(problem.message()).startsWith("Refused: ").contains("aliases");
			assertThat(problem.line()).isEqualTo(3);
		});
	}

	@Test
	void aFewAliasesAndMergeKeysAreFine() {
		WorkflowDefinitionModel model = model(definition("""
				tasks:
				  - name: a
				    action: core.echo
				    input: &common {region: eu, size: 3}
				    on_success: b
				  - name: b
				    action: core.echo
				    input:
				      <<: *common
				      size: 5
				"""));
		assertThat(model.tasks().get(1).input()).hasToString("{\"size\":5,\"region\":\"eu\"}");
	}

	@Test
	void aFileOverTheSizeLimitIsRefusedNamingItsSizeAndTheLimit() {
		DefinitionParser parser = new DefinitionParser(DataSize.ofBytes(100));
		ParsedDefinition parsed = parser.parse("big.yaml", definition("tasks:\n" + "  - name: a\n".repeat(20)));
		assertThat(parsed.source()).isNull();
		assertThat(parsed.problems()).singleElement()
			.satisfies((problem) -> assertThat(problem.toString()).isEqualTo("big.yaml:1:1: error: The file is 281 "
					+ "bytes, over the limit of 100 bytes (durableflow.definitions.max-file-size): split it, or raise "
					+ "the limit"));
	}

	@Test
	void bytesThatAreNotUtf8AreRefused() {
		byte[] latin1 = definition("description: caf\u00e9\ntasks: [{name: a, action: core.noop}]\n")
			.getBytes(StandardCharsets.ISO_8859_1);
		assertThat(Parsing.PARSER.parse("latin1.yaml", latin1, ParseOptions.standalone()).errors()).singleElement()
			.satisfies((problem) -> assertThat(problem.message()).contains("not UTF-8"));
	}

	@Test
	void anEmptyFileOrOneThatIsNotAMappingIsAnError() {
		assertThat(errors("")).singleElement()
			.satisfies((problem) -> assertThat(problem.message()).startsWith("The file is empty"));
		assertThat(errors("- a\n- b\n")).singleElement()
			.satisfies((problem) -> assertThat(problem.message()).startsWith("A definition is a mapping"));
	}

	@Test
	void unknownKeysAreWarningsAtTheKeyWithTheKeyTheyProbablyMeant() {
		ParsedDefinition parsed = parse(definition("""
				labell: Example
				tasks:
				  - name: a
				    action: core.noop
				    on-success: b
				  - name: b
				    action: core.noop
				    retry: {count: 1, delay: 1, on_error: "{{ true }}"}
				"""));
		assertThat(parsed.warnings()).extracting(Parsing::at, DefinitionProblem::message)
			.containsExactly(
					org.assertj.core.groups.Tuple.tuple("3:1",
							"Unknown key 'labell' in the definition, ignored (did you mean 'label'?)"),
					org.assertj.core.groups.Tuple.tuple("7:5",
							"Unknown key 'on-success' in a task, ignored (did you mean 'on_success'?)"),
					org.assertj.core.groups.Tuple.tuple("10:33", "Unknown key 'on_error' in 'retry', ignored"));
	}

	@Test
	void aLocalTagIsAnErrorAtItsValue() {
		assertThat(errors(definition("tasks:\n  - name: a\n    action: core.echo\n    input: {x: !secret x}\n")))
			.singleElement()
			.satisfies((problem) -> {
				assertThat(Parsing.at(problem)).isEqualTo("6:16");
				assertThat(problem.path()).isEqualTo("tasks[0].input.x");
				assertThat(problem.message())
					.isEqualTo("Tag !secret is not supported: remove it, values are plain YAML");
			});
	}

	@Test
	void aGlobalTagIsRefusedBySnakeYamlAtItsPosition() {
		assertThat(errors(definition("tasks:\n  - name: a\n    input: {x: !!python/object x}\n"))).singleElement()
			.satisfies((problem) -> {
				assertThat(Parsing.at(problem)).isEqualTo("5:16");
				assertThat(problem.message()).startsWith("Not valid YAML: Global tag is not allowed");
			});
	}

	@Test
	void aValueOfTheWrongShapeIsAnErrorAtTheValue() {
		assertThat(errors(definition("""
				tasks:
				  - name: a
				    action: core.noop
				    timeout: soon
				    type: sequential
				"""))).extracting(Parsing::at, DefinitionProblem::message)
			.containsExactly(
					org.assertj.core.groups.Tuple.tuple("6:14",
							"'timeout' (seconds) must be a whole number, was 'soon'"),
					org.assertj.core.groups.Tuple.tuple("7:11",
							"Unknown task type 'sequential': one of action (the default), parallel, workflow"));
	}

	@Test
	void aVersionWrittenAsANumberKeepsItsText() {
		assertThat(model("ref: tests.example\nversion: 1.10\ntasks: [{name: a, action: core.noop}]\n").version())
			.isEqualTo("1.10");
	}

	@Test
	void warningsAloneKeepTheModel() {
		assertThat(warnings(definition("colour: red\ntasks: [{name: a, action: core.noop}]\n"))).hasSize(1);
		assertThat(parse(definition("colour: red\ntasks: [{name: a, action: core.noop}]\n")).isValid()).isTrue();
	}

	@Test
	void jsonIndentedWithTabsIsReadLikeAnyJson() {
		ParsedDefinition parsed = parse("{\n\t\"ref\": \"tests.example\",\n\t\"version\": \"1.0\",\n\t\"tasks\": [\n"
				+ "\t\t{\"name\": \"a\", \"action\": \"core.noop\", \"on_success\": \"nowhere\"}\n\t]\n}\n");
		assertThat(parsed.errors()).extracting(Parsing::at, DefinitionProblem::path)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("5:54", "tasks[0].on_success"));
	}

}
