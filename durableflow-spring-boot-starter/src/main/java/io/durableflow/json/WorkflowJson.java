package io.durableflow.json;

import java.lang.reflect.Type;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import io.durableflow.WorkflowError;
import org.jspecify.annotations.Nullable;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Inputs, outputs and step results as JSON, through the application's Jackson mapper. No
 * default typing: a value is read back as the type the workflow or step declares.
 */
public class WorkflowJson {

	private final JsonMapper mapper;

	public WorkflowJson(JsonMapper mapper) {
		this.mapper = mapper;
	}

	public JavaType type(Type type) {
		return this.mapper.getTypeFactory().constructType(type);
	}

	/** The value as JSON text; {@code null} stays {@code null}. */
	public @Nullable String write(@Nullable Object value) {
		if (value == null) {
			return null;
		}
		try {
			return this.mapper.writeValueAsString(value);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException(
					"Cannot store a " + value.getClass().getName() + " as JSON: " + ex.getOriginalMessage(), ex);
		}
	}

	public <T> @Nullable T read(@Nullable String json, Class<T> type) {
		return read(json, this.mapper.getTypeFactory().constructType(type));
	}

	public <T> @Nullable T read(@Nullable String json, JavaType type) {
		if (json == null || type.getRawClass() == Void.class) {
			return null;
		}
		try {
			return this.mapper.readValue(json, type);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("Cannot read stored JSON as " + type + ": " + ex.getOriginalMessage(),
					ex);
		}
	}

	/**
	 * A stored error: code, message, retryable, type and, for a step's error, the step's
	 * name.
	 */
	public String writeError(WorkflowError error, @Nullable String stepName) {
		Map<String, Object> value = new LinkedHashMap<>();
		value.put("code", error.code());
		value.put("message", error.message());
		value.put("retryable", error.retryable());
		value.put("type", error.type());
		if (stepName != null) {
			value.put("step", stepName);
		}
		return write(value);
	}

	/** A stored error read back; {@code null} stays {@code null}. */
	public @Nullable WorkflowError readError(@Nullable String errorJson) {
		if (errorJson == null) {
			return null;
		}
		Map<?, ?> value = read(errorJson, Map.class);
		return new WorkflowError(String.valueOf(value.get("code")), (String) value.get("message"),
				Boolean.TRUE.equals(value.get("retryable")), (String) value.get("type"));
	}

	/**
	 * A run's stored metadata (a JSON object of strings) as an unmodifiable map ordered
	 * by key; empty for {@code null}.
	 */
	public Map<String, String> readMetadata(@Nullable String metadataJson) {
		if (metadataJson == null) {
			return Map.of();
		}
		Map<String, String> metadata = new TreeMap<>();
		read(metadataJson, Map.class).forEach((key, value) -> metadata.put(String.valueOf(key), String.valueOf(value)));
		return Collections.unmodifiableMap(metadata);
	}

	public JsonMapper mapper() {
		return this.mapper;
	}

}
