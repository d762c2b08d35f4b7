package io.durableflow.definition.yaml;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.durableflow.definition.yaml.DefinitionProblem.Severity;

/** The problems of one file, collected in any order and handed out by position. */
final class Problems {

	private final String file;

	private final List<DefinitionProblem> problems = new ArrayList<>();

	Problems(String file) {
		this.file = file;
	}

	String file() {
		return this.file;
	}

	void error(SourceLocation at, String message) {
		add(Severity.ERROR, at, message);
	}

	void warning(SourceLocation at, String message) {
		add(Severity.WARNING, at, message);
	}

	void add(Severity severity, SourceLocation at, String message) {
		add(severity, at.line(), at.column(), at.path(), message);
	}

	void add(Severity severity, int line, int column, String path, String message) {
		this.problems
			.add(new DefinitionProblem(this.file, Math.max(1, line), Math.max(1, column), path, message, severity));
	}

	boolean hasErrors() {
		return this.problems.stream().anyMatch(DefinitionProblem::isError);
	}

	/**
	 * Every problem, by line and column; those at one place in the order they were found.
	 */
	List<DefinitionProblem> sorted() {
		List<DefinitionProblem> sorted = new ArrayList<>(this.problems);
		sorted.sort(Comparator.comparingInt(DefinitionProblem::line).thenComparingInt(DefinitionProblem::column));
		return List.copyOf(sorted);
	}

}
