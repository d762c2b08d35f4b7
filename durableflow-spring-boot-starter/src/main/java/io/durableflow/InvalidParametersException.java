package io.durableflow;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A start's parameters do not fit the definition's parameter schema: {@link #errors()}
 * lists every error. No run was started.
 */
public class InvalidParametersException extends IllegalArgumentException {

	private final String workflowName;

	private final List<ParameterError> errors;

	public InvalidParametersException(String workflowName, List<ParameterError> errors) {
		super("Parameters of '" + workflowName + "' do not fit its schema: "
				+ errors.stream().map(ParameterError::toString).collect(Collectors.joining("; ")));
		this.workflowName = workflowName;
		this.errors = List.copyOf(errors);
	}

	public String workflowName() {
		return this.workflowName;
	}

	/** Every error, in the order the schema found them. */
	public List<ParameterError> errors() {
		return this.errors;
	}

	/**
	 * One parameter error.
	 *
	 * @param path the parameter, such as {@code title} or {@code recipients[2].email};
	 * empty for the parameters as a whole
	 * @param message what is wrong
	 */
	public record ParameterError(String path, String message) {

		@Override
		public String toString() {
			return (this.path.isEmpty() ? "" : this.path + ": ") + this.message;
		}

	}

}
