package io.durableflow.definition.yaml;

import java.util.List;
import java.util.Set;

import io.durableflow.definition.yaml.DefinitionProblem.Severity;

/** One parser for all tests (it holds the Jinja engine), and short ways to ask it. */
final class Parsing {

	static final DefinitionParser PARSER = new DefinitionParser();

	static final Set<String> BUILT_IN_ACTIONS = Set.of("core.noop", "core.echo", "core.inquiry");

	private Parsing() {
	}

	static ParsedDefinition parse(String yaml) {
		return PARSER.parse("test.yaml", yaml, ParseOptions.standalone().withKnownActions(BUILT_IN_ACTIONS));
	}

	static ParsedDefinition parse(String yaml, ParseOptions options) {
		return PARSER.parse("test.yaml", yaml, options);
	}

	static WorkflowDefinitionModel model(String yaml) {
		ParsedDefinition parsed = parse(yaml);
		if (parsed.model() == null) {
			throw new AssertionError("Expected a valid definition, got " + parsed.problems());
		}
		return parsed.model();
	}

	static List<DefinitionProblem> errors(String yaml) {
		return parse(yaml).errors();
	}

	static List<DefinitionProblem> warnings(String yaml) {
		return parse(yaml).warnings();
	}

	/** A valid definition's head: ref and version, then the given tasks and more. */
	static String definition(String rest) {
		return "ref: tests.example\nversion: \"1.0\"\n" + rest;
	}

	static String at(DefinitionProblem problem) {
		return problem.line() + ":" + problem.column();
	}

	static boolean is(DefinitionProblem problem, Severity severity) {
		return problem.severity() == severity;
	}

}
