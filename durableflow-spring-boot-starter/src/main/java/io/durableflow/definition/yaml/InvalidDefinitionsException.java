package io.durableflow.definition.yaml;

import java.util.stream.Collectors;

/**
 * Thrown by a load with {@link DefinitionsSettings#failOnError()} when any definition or
 * pack has an error; the message lists every error.
 */
public class InvalidDefinitionsException extends IllegalStateException {

	private final transient PackLoadResult result;

	public InvalidDefinitionsException(PackLoadResult result) {
		super(message(result));
		this.result = result;
	}

	public PackLoadResult result() {
		return this.result;
	}

	private static String message(PackLoadResult result) {
		return result.allProblems()
			.stream()
			.filter(DefinitionProblem::isError)
			.map(DefinitionProblem::toString)
			.collect(Collectors.joining("\n  ",
					"Workflow definitions have errors " + "(durableflow.definitions.fail-on-error=true):\n  ", ""));
	}

}
