package io.durableflow.ui;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Values the console shows as JSON (log data, wait matches, event payloads), written by
 * the application's mapper: compact on one line, or indented where there is room. The
 * templates escape the text like everything else they show.
 */
public class ConsoleJson {

	private final JsonMapper mapper;

	private final ObjectWriter indenting;

	public ConsoleJson(JsonMapper mapper) {
		this.mapper = mapper;
		this.indenting = mapper.writer(SerializationFeature.INDENT_OUTPUT);
	}

	/** One line of JSON; {@code null} for {@code null}. */
	public String compact(Object value) {
		return write(value, false);
	}

	/** Indented JSON; {@code null} for {@code null}. */
	public String pretty(Object value) {
		return write(value, true);
	}

	private String write(Object value, boolean indent) {
		if (value == null) {
			return null;
		}
		try {
			return indent ? this.indenting.writeValueAsString(value) : this.mapper.writeValueAsString(value);
		}
		catch (JacksonException ex) {
			return String.valueOf(value);
		}
	}

}
