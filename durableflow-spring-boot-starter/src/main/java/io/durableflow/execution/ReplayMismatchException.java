package io.durableflow.execution;

/**
 * The workflow asked for steps that do not match what the run recorded: code changed
 * under a running workflow, or a step name was used twice. The run fails with
 * {@link #code()}.
 */
public class ReplayMismatchException extends RuntimeException {

	private final String code;

	ReplayMismatchException(String code, String message) {
		super(message);
		this.code = code;
	}

	public String code() {
		return this.code;
	}

}
