package io.durableflow.definition.yaml;

import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Where something is in the source: its YAML path and the line and column (from 1) of its
 * key or value. {@code quoted} and {@code block} say where a scalar's text starts
 * relative to that position, so that a template's own line and column can be mapped onto
 * the file.
 */
record SourceLocation(String path, int line, int column, boolean quoted, boolean block) {

	static final SourceLocation DOCUMENT = new SourceLocation("", 1, 1, false, false);

	static SourceLocation of(Node node, String path) {
		Mark mark = node.getStartMark();
		boolean quoted = false;
		boolean block = false;
		if (node instanceof ScalarNode scalar) {
			ScalarStyle style = scalar.getScalarStyle();
			quoted = style == ScalarStyle.DOUBLE_QUOTED || style == ScalarStyle.SINGLE_QUOTED;
			block = style == ScalarStyle.LITERAL || style == ScalarStyle.FOLDED;
		}
		return new SourceLocation(path, mark.getLine() + 1, mark.getColumn() + 1, quoted, block);
	}

	SourceLocation at(String path) {
		return new SourceLocation(path, this.line, this.column, this.quoted, this.block);
	}

}
