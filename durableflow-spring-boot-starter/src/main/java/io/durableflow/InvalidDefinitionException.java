package io.durableflow;

import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * A definition's text was read but is not a valid definition: {@link #errors()} lists
 * every error, each at its line and column. Nothing was registered.
 */
public class InvalidDefinitionException extends IllegalArgumentException {

	private final @Nullable String ref;

	private final List<WorkflowDefinitions.Problem> errors;

	private final List<WorkflowDefinitions.Problem> warnings;

	public InvalidDefinitionException(@Nullable String ref, List<WorkflowDefinitions.Problem> errors,
			List<WorkflowDefinitions.Problem> warnings) {
		super(message(ref, errors));
		this.ref = ref;
		this.errors = List.copyOf(errors);
		this.warnings = List.copyOf(warnings);
	}

	private static String message(@Nullable String ref, List<WorkflowDefinitions.Problem> errors) {
		return "Definition" + ((ref != null) ? " '" + ref + "'" : "") + " has " + errors.size() + " error"
				+ ((errors.size() == 1) ? "" : "s") + ": "
				+ errors.stream()
					.map((error) -> error.line() + ":" + error.column() + ": "
							+ (error.path().isEmpty() ? "" : error.path() + ": ") + error.message())
					.collect(Collectors.joining("; "));
	}

	/** Its ref, when the text names one. */
	public @Nullable String ref() {
		return this.ref;
	}

	/** Every error. */
	public List<WorkflowDefinitions.Problem> errors() {
		return this.errors;
	}

	/** Every warning. */
	public List<WorkflowDefinitions.Problem> warnings() {
		return this.warnings;
	}

}
