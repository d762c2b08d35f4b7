package io.durableflow;

/**
 * A definition's text is not YAML (or, posted as JSON, not JSON): nothing can be read
 * from it. The line and column say where reading stopped.
 */
public class MalformedDefinitionException extends IllegalArgumentException {

	private final int line;

	private final int column;

	public MalformedDefinitionException(int line, int column, String message) {
		super(message + " (line " + line + ", column " + column + ")");
		this.line = line;
		this.column = column;
	}

	/** The line, from 1. */
	public int line() {
		return this.line;
	}

	/** The column, from 1. */
	public int column() {
		return this.column;
	}

}
