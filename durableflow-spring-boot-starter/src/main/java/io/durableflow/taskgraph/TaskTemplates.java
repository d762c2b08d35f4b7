package io.durableflow.taskgraph;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders a definition's templates with Jinjava, sandboxed: only plain JSON values are in
 * scope (no Java object is reachable, Jinjava refuses calls of {@code getClass} and the
 * like), undefined names fail (strict, unless the template asks for a {@code default}),
 * and output, strings, lists, maps, ranges and nesting are bounded. A string that is
 * exactly one {@code {{ expr }}} keeps the JSON type of its value; text with templates in
 * it renders to a string. Every failure is a {@link TemplateException} naming the
 * template and where it is used. Thread-safe.
 */
final class TaskTemplates {

	/** The most characters a template may render, or a string may grow to. */
	static final int MAX_OUTPUT = 1_000_000;

	/** The most elements of a list or map a template may build, and of a range. */
	static final int MAX_ELEMENTS = 10_000;

	private static final ObjectMapper PLAIN = JsonMapper.builder().build();

	private final Jinjava jinjava;

	TaskTemplates() {
		JinjavaConfig config = JinjavaConfig.newBuilder()
			.withFailOnUnknownTokens(true)
			.withMaxOutputSize(MAX_OUTPUT)
			.withMaxStringLength(MAX_OUTPUT)
			.withMaxListSize(MAX_ELEMENTS)
			.withMaxMapSize(MAX_ELEMENTS)
			.withRangeLimit(MAX_ELEMENTS)
			.withMaxRenderDepth(10)
			.withEnableRecursiveMacroCalls(false)
			.build();
		this.jinjava = new Jinjava(config);
		for (String function : List.of("succeeded", "failed", "timed_out", "result")) {
			this.jinjava.getGlobalContext()
				.registerFunction(new ELFunctionDefinition("", function, TaskFunctions.class,
						function.equals("timed_out") ? "timedOut" : function));
		}
	}

	/**
	 * {@code value} (a JSON value as written in the definition) with every string in it
	 * rendered.
	 */
	@Nullable Object render(@Nullable JsonNode value, Map<String, Object> scope, String where) {
		return renderValue((value != null) ? PLAIN.convertValue(value, Object.class) : null, scope, where);
	}

	@SuppressWarnings("unchecked")
	private @Nullable Object renderValue(@Nullable Object value, Map<String, Object> scope, String where) {
		if (value instanceof String text) {
			return renderString(text, scope, where);
		}
		if (value instanceof Map<?, ?> map) {
			Map<String, Object> rendered = new LinkedHashMap<>();
			((Map<String, Object>) map).forEach((key, item) -> rendered.put(key, renderValue(item, scope, where)));
			return rendered;
		}
		if (value instanceof List<?> list) {
			List<Object> rendered = new ArrayList<>();
			list.forEach((item) -> rendered.add(renderValue(item, scope, where)));
			return rendered;
		}
		return value;
	}

	/** One string: its value when it is one expression, its text otherwise. */
	@Nullable Object renderString(String text, Map<String, Object> scope, String where) {
		String expression = soleExpression(text);
		if (expression != null) {
			return evaluate(expression, scope, where, text);
		}
		if (!text.contains("{{") && !text.contains("{%")) {
			return text;
		}
		JinjavaInterpreter interpreter = interpreter(scope);
		JinjavaInterpreter.pushCurrent(interpreter);
		String output;
		try {
			output = interpreter.render(text);
		}
		catch (RuntimeException failure) {
			throw failure(where, text, failure.getMessage());
		}
		finally {
			JinjavaInterpreter.popCurrent();
		}
		List<TemplateError> errors = fatal(interpreter.getErrorsCopy());
		if (!errors.isEmpty()) {
			throw failure(where, text, messages(errors));
		}
		return output;
	}

	/**
	 * An interpreter whose context is a child of the engine's global one, holding
	 * {@code scope}: what a template sets stays in it, and the filters, tags and
	 * functions are looked up in the global context. ({@code Jinjava.newInterpreter}
	 * copies the global context, registering every library again: most of the cost of a
	 * small template.)
	 */
	private JinjavaInterpreter interpreter(Map<String, Object> scope) {
		return new JinjavaInterpreter(this.jinjava, new Context(this.jinjava.getGlobalContext(), scope),
				this.jinjava.getGlobalConfig());
	}

	/** A condition, braces optional: whether it holds (Jinja truthiness). */
	boolean test(String condition, Map<String, Object> scope, String where) {
		String trimmed = condition.trim();
		String expression = soleExpression(trimmed);
		Object value = evaluate((expression != null) ? expression : trimmed, scope, where, condition);
		return truthy(value);
	}

	private @Nullable Object evaluate(String expression, Map<String, Object> scope, String where, String template) {
		JinjavaInterpreter interpreter = interpreter(scope);
		JinjavaInterpreter.pushCurrent(interpreter);
		Object value;
		try {
			value = interpreter.resolveELExpression(expression, 1);
		}
		catch (RuntimeException failure) {
			throw failure(where, template, failure.getMessage());
		}
		finally {
			JinjavaInterpreter.popCurrent();
		}
		List<TemplateError> errors = fatal(interpreter.getErrorsCopy());
		if (!errors.isEmpty()) {
			throw failure(where, template, messages(errors));
		}
		return plain(value, where, template);
	}

	/** Jinjava's own list and map types, and numbers, as plain JSON values. */
	private static @Nullable Object plain(@Nullable Object value, String where, String template) {
		if (value == null || value instanceof String || value instanceof Boolean || value instanceof Number) {
			return value;
		}
		if (value instanceof Map<?, ?> || value instanceof Collection<?>) {
			try {
				return PLAIN.convertValue(value, Object.class);
			}
			catch (RuntimeException failure) {
				throw failure(where, template, "its value is not JSON: " + failure.getMessage());
			}
		}
		// anything else (a date, a Jinjava object) as its text
		return value.toString();
	}

	static boolean truthy(@Nullable Object value) {
		if (value == null || Boolean.FALSE.equals(value)) {
			return false;
		}
		if (value instanceof Number number) {
			return number.doubleValue() != 0;
		}
		if (value instanceof String text) {
			return !text.isEmpty();
		}
		if (value instanceof Collection<?> collection) {
			return !collection.isEmpty();
		}
		if (value instanceof Map<?, ?> map) {
			return !map.isEmpty();
		}
		return true;
	}

	/** The expression of a string that is exactly one {@code {{ expr }}}, or null. */
	static @Nullable String soleExpression(String text) {
		String trimmed = text.trim();
		if (trimmed.startsWith("{{") && trimmed.endsWith("}}") && trimmed.indexOf("{{", 2) < 0
				&& trimmed.indexOf("}}") == trimmed.length() - 2) {
			return trimmed.substring(2, trimmed.length() - 2).trim();
		}
		return null;
	}

	private static List<TemplateError> fatal(List<TemplateError> errors) {
		return errors.stream().filter((error) -> error.getSeverity() == TemplateError.ErrorType.FATAL).toList();
	}

	private static String messages(List<TemplateError> errors) {
		return errors.stream().map(TemplateError::getMessage).distinct().collect(Collectors.joining("; "));
	}

	private static TemplateException failure(String where, String template, @Nullable String message) {
		String shown = (template.length() > 200) ? template.substring(0, 200) + "…" : template;
		return new TemplateException(where + ": template '" + shown + "' failed: " + message);
	}

}
