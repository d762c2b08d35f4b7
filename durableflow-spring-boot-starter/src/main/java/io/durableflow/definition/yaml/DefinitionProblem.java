package io.durableflow.definition.yaml;

import org.springframework.util.Assert;

/**
 * One problem of a definition file, at the line of the offending key or value.
 *
 * @param file the file as the caller named it (a pack-relative path, an upload's name)
 * @param line the line, from 1
 * @param column the column, from 1
 * @param path where in the YAML document, such as {@code tasks[2].next[0].do[1]}; empty
 * for the document itself
 * @param message what is wrong and what to do about it
 * @param severity an error refuses the definition; a warning does not
 */
public record DefinitionProblem(String file, int line, int column, String path, String message, Severity severity) {

	public DefinitionProblem {
		Assert.notNull(file, "file must not be null");
		Assert.isTrue(line >= 1 && column >= 1, () -> "line and column start at 1, were " + line + ":" + column);
		Assert.notNull(path, "path must not be null");
		Assert.hasText(message, "message must not be empty");
		Assert.notNull(severity, "severity must not be null");
	}

	public static DefinitionProblem error(String file, int line, int column, String path, String message) {
		return new DefinitionProblem(file, line, column, path, message, Severity.ERROR);
	}

	public static DefinitionProblem warning(String file, int line, int column, String path, String message) {
		return new DefinitionProblem(file, line, column, path, message, Severity.WARNING);
	}

	public boolean isError() {
		return this.severity == Severity.ERROR;
	}

	/** As compilers print it: {@code file:line:column: severity: path: message}. */
	@Override
	public String toString() {
		return this.file + ":" + this.line + ":" + this.column + ": " + this.severity.name().toLowerCase() + ": "
				+ (this.path.isEmpty() ? "" : this.path + ": ") + this.message;
	}

	/** How bad a problem is. */
	public enum Severity {

		/** The definition is refused. */
		ERROR,

		/** The definition is accepted; something deserves a look. */
		WARNING

	}

}
