package io.durableflow.definition.yaml;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One definition file, read and validated.
 *
 * @param file the file as the caller named it
 * @param pack its pack; {@code null} when not known (a ref that cannot be read)
 * @param ref its ref; {@code null} when not known
 * @param source the text; {@code null} when it was not read (over the size limit, not
 * UTF-8)
 * @param checksum SHA-256 of the file's bytes, 64 lowercase hex digits: equal checksums,
 * equal sources; {@code null} when it was not read
 * @param model the normalized definition; {@code null} when there is any error
 * @param problems every problem found, errors and warnings, by position
 */
public record ParsedDefinition(String file, @Nullable String pack, @Nullable String ref, @Nullable String source,
		@Nullable String checksum, @Nullable WorkflowDefinitionModel model, List<DefinitionProblem> problems) {

	public ParsedDefinition {
		problems = List.copyOf(problems);
	}

	/** Whether it has no error (warnings allowed): then {@link #model()} is there. */
	public boolean isValid() {
		return this.model != null;
	}

	public List<DefinitionProblem> errors() {
		return this.problems.stream().filter(DefinitionProblem::isError).toList();
	}

	public List<DefinitionProblem> warnings() {
		return this.problems.stream().filter((problem) -> !problem.isError()).toList();
	}

}
