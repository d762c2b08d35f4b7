package io.durableflow.definition.yaml;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * What a load found.
 *
 * @param definitions every definition file, valid or not, by pack and path
 * @param problems problems of no definition: a location that cannot be read, a bad
 * {@code config.yaml}
 * @param packConfigs each pack's configuration, {@code config.yaml} with the overrides of
 * the settings applied, by pack name
 */
public record PackLoadResult(List<ParsedDefinition> definitions, List<DefinitionProblem> problems,
		Map<String, JsonNode> packConfigs) {

	public PackLoadResult {
		definitions = List.copyOf(definitions);
		problems = List.copyOf(problems);
		packConfigs = Map.copyOf(packConfigs);
	}

	/** The definitions without errors. */
	public List<ParsedDefinition> valid() {
		return this.definitions.stream().filter(ParsedDefinition::isValid).toList();
	}

	public boolean hasErrors() {
		return allProblems().stream().anyMatch(DefinitionProblem::isError);
	}

	/** Every problem: the load's own, then each definition's. */
	public List<DefinitionProblem> allProblems() {
		List<DefinitionProblem> all = new ArrayList<>(this.problems);
		this.definitions.forEach((definition) -> all.addAll(definition.problems()));
		return all;
	}

}
