package io.durableflow.definition.yaml;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.durableflow.definition.yaml.TemplateChecker.Analysis;
import io.durableflow.definition.yaml.TemplateChecker.Issue;
import io.durableflow.definition.yaml.TemplateChecker.Reference;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Every template of a definition (in {@code input}, {@code with_items}, {@code when},
 * {@code publish}, {@code output_map}) must parse, and must look up only what exists: a
 * variable defined in {@code vars} or published by some transition (errors otherwise), a
 * task of the definition, {@code item}/{@code index} only in a with_items task's input,
 * the transition functions only in transitions. Unknown {@code system} fields, parameters
 * the schema does not declare and {@code pack.config} keys the pack does not configure
 * are warnings. A lookup inside {@code default(...)} or an {@code is defined} test is not
 * checked: it may ask for what does not exist.
 */
final class TemplateRules {

	private static final Set<String> SCOPES = Set.of("parameters", "vars", "workflow", "task", "item", "index",
			"system", "pack");

	private static final Set<String> SYSTEM = Set.of("run_id", "workflow_start", "timestamp", "identity");

	private static final Set<String> CONSTANTS = Set.of("none", "None", "True", "False", "loop");

	private final TemplateChecker checker;

	private final WorkflowDefinitionModel model;

	private final SourceMap sourceMap;

	private final String source;

	private final ParseOptions options;

	private final Problems problems;

	private final Set<String> variables = new HashSet<>();

	private final Set<String> tasks = new HashSet<>();

	private int @Nullable [] lineStarts;

	TemplateRules(TemplateChecker checker, WorkflowDefinitionModel model, SourceMap sourceMap, String source,
			ParseOptions options, Problems problems) {
		this.checker = checker;
		this.model = model;
		this.sourceMap = sourceMap;
		this.source = source;
		this.options = options;
		this.problems = problems;
		this.variables.addAll(model.vars().keySet());
		for (TaskModel task : model.allTasks()) {
			this.tasks.add(task.name());
			task.next().forEach((transition) -> transition.publish().forEach((p) -> this.variables.add(p.name())));
		}
	}

	void check() {
		this.model.vars().forEach((name, value) -> {
			if (value.isString() && TemplateChecker.isTemplate(value.stringValue())) {
				this.problems.warning(this.sourceMap.locate(SourceMap.child("vars", name)), "vars are literal initial "
						+ "values: this template is not rendered; publish the value from a task instead");
			}
		});
		tasks(this.model.tasks(), "tasks");
		this.model.outputMap()
			.forEach((name, value) -> values(value, SourceMap.child("output_map", name), Kind.OUTPUT, null));
	}

	private void tasks(List<TaskModel> tasks, String listPath) {
		for (int i = 0; i < tasks.size(); i++) {
			TaskModel task = tasks.get(i);
			String path = SourceMap.index(listPath, i);
			if (task.input() != null) {
				values(task.input(), path + ".input", Kind.INPUT, task);
			}
			if (task.when() != null) {
				site(task.when(), path + ".when", Kind.CONDITION, task);
			}
			if (task.withItems() != null) {
				values(task.withItems(), path + ".with_items", Kind.ITEMS, task);
			}
			for (int k = 0; k < task.next().size(); k++) {
				TransitionModel transition = task.next().get(k);
				String transitionPath = path + ".next[" + k + "]";
				if (transition.when() != null) {
					site(transition.when(), transitionPath + ".when", Kind.TRANSITION_CONDITION, task);
				}
				for (int p = 0; p < transition.publish().size(); p++) {
					values(transition.publish().get(p).value(), transitionPath + ".publish[" + p + "]", Kind.PUBLISH,
							task);
				}
			}
			tasks(task.subtasks(), path + ".tasks");
		}
	}

	private void values(JsonNode value, String path, Kind kind, @Nullable TaskModel task) {
		if (value.isString()) {
			site(value.stringValue(), path, kind, task);
		}
		else if (value.isArray()) {
			for (int i = 0; i < value.size(); i++) {
				values(value.get(i), SourceMap.index(path, i), kind, task);
			}
		}
		else if (value.isObject()) {
			for (Map.Entry<String, JsonNode> entry : value.properties()) {
				values(entry.getValue(), SourceMap.child(path, entry.getKey()), kind, task);
			}
		}
	}

	private void site(String text, String path, Kind kind, @Nullable TaskModel task) {
		String template = text;
		int shift = 0;
		if (!TemplateChecker.isTemplate(text)) {
			if (!kind.isCondition() || text.isBlank()) {
				return;
			}
			template = "{{ " + text + " }}";
			shift = 3;
		}
		SourceLocation location = this.sourceMap.locate(path);
		Analysis analysis = this.checker.analyze(template);
		for (Issue issue : analysis.issues) {
			report(true, location, issue.line(), issue.column() - shift,
					"Template " + quoted(text) + ": " + issue.message());
		}
		Set<String> guarded = new HashSet<>();
		analysis.references.stream().filter(Reference::guarded).forEach((reference) -> guarded.add(key(reference)));
		for (Reference reference : analysis.references) {
			if (!reference.guarded() && !guarded.contains(key(reference))
					&& !analysis.locals.contains(reference.root())) {
				reference(reference, location, shift, kind, task, text);
			}
		}
		for (TemplateChecker.Call call : analysis.calls) {
			if (TemplateChecker.OWN_FUNCTIONS.contains(call.name()) && !kind.isTransition()) {
				report(true, location, call.line(), call.column() - shift, call.name()
						+ "() is about the task whose transitions are evaluated: only a transition's when and publish"
						+ " use it, not " + kind.where);
			}
		}
	}

	/**
	 * What a guard covers: {@code {% if vars.x is defined %}{{ vars.x }}{% endif %}} may
	 * use {@code vars.x} anywhere in that template.
	 */
	private static String key(Reference reference) {
		return reference.segments().isEmpty() ? reference.root() : reference.root() + "." + reference.segments().get(0);
	}

	private void reference(Reference reference, SourceLocation location, int shift, Kind kind, @Nullable TaskModel task,
			String text) {
		String root = reference.root();
		String first = reference.segments().isEmpty() ? null : reference.segments().get(0);
		String problem = null;
		boolean error = true;
		switch (root) {
			case "vars", "workflow" -> {
				if (first != null && !this.variables.contains(first)) {
					problem = undefinedVariable(root + "." + first, first);
				}
			}
			case "task" -> {
				if (first != null && !this.tasks.contains(first)) {
					String suggestion = Suggestions.closest(first, this.tasks);
					problem = "task." + first + " names no task of this definition"
							+ ((suggestion != null) ? " (did you mean '" + suggestion + "'?)" : "");
				}
			}
			case "item", "index" -> {
				if (kind != Kind.INPUT || task == null || task.withItems() == null) {
					problem = root + " exists only in the input of a task with with_items, not " + kind.where;
				}
			}
			case "parameters" -> {
				error = false;
				if (first != null && !declaredParameter(first)) {
					problem = "parameters." + first + " is not declared in 'parameters'";
				}
			}
			case "system" -> {
				error = false;
				if (first != null && !SYSTEM.contains(first)) {
					problem = "system." + first + " does not exist: system has "
							+ String.join(", ", SYSTEM.stream().sorted().toList());
				}
			}
			case "pack" -> {
				error = false;
				problem = packProblem(reference.segments());
			}
			default -> {
				if (!CONSTANTS.contains(root) && !this.variables.contains(root)) {
					problem = undefinedVariable(root, root);
				}
			}
		}
		if (problem != null) {
			report(error, location, reference.line(), reference.column() - shift,
					problem + " (template " + quoted(text) + ")");
		}
	}

	private String undefinedVariable(String written, String name) {
		String suggestion = Suggestions.closest(name, this.variables);
		return written + " is never defined: no variable '" + name + "' in vars, none published by a transition"
				+ ((suggestion != null) ? " (did you mean '" + suggestion + "'?)" : "") + "; the scopes are "
				+ String.join(", ", SCOPES.stream().sorted().toList());
	}

	private boolean declaredParameter(String name) {
		JsonNode schema = this.model.parameters();
		if (schema == null || !schema.path("properties").isObject()) {
			return true;
		}
		return schema.path("properties").has(name) || schema.path("additionalProperties").asBoolean(false);
	}

	private @Nullable String packProblem(List<String> segments) {
		if (segments.isEmpty()) {
			return null;
		}
		if (!segments.get(0).equals("config")) {
			return "pack." + segments.get(0) + " does not exist: pack has config";
		}
		JsonNode config = this.options.packConfig();
		if (config != null && segments.size() > 1 && !config.has(segments.get(1))) {
			return "pack.config." + segments.get(1) + " is not configured by pack '" + this.model.pack()
					+ "' (its config.yaml, or durableflow.definitions.packs." + this.model.pack() + ".config."
					+ segments.get(1) + ")";
		}
		return null;
	}

	/**
	 * Reports at the template's own line and column mapped onto the file: a block
	 * scalar's text starts on the line after its indicator, at that line's indentation; a
	 * quoted scalar's one character after its quote.
	 */
	private void report(boolean error, SourceLocation location, int line, int column, String message) {
		int fileLine;
		int fileColumn;
		if (location.block()) {
			fileLine = location.line() + line;
			fileColumn = indentation(fileLine) + column;
		}
		else {
			fileLine = location.line() + line - 1;
			fileColumn = (line == 1) ? location.column() + (location.quoted() ? 1 : 0) + column - 1 : column;
		}
		this.problems.add(error ? DefinitionProblem.Severity.ERROR : DefinitionProblem.Severity.WARNING, fileLine,
				Math.max(1, fileColumn), location.path(), message);
	}

	private int indentation(int line) {
		if (this.lineStarts == null) {
			this.lineStarts = lineStarts(this.source);
		}
		if (line < 1 || line > this.lineStarts.length) {
			return 0;
		}
		int start = this.lineStarts[line - 1];
		int indent = 0;
		while (start + indent < this.source.length() && this.source.charAt(start + indent) == ' ') {
			indent++;
		}
		return indent;
	}

	private static int[] lineStarts(String text) {
		int[] starts = new int[(int) text.chars().filter((c) -> c == '\n').count() + 1];
		int line = 1;
		for (int i = 0; i < text.length(); i++) {
			if (text.charAt(i) == '\n') {
				starts[line++] = i + 1;
			}
		}
		return starts;
	}

	private static String quoted(String text) {
		String line = text.strip().replace('\n', ' ');
		return "'" + ((line.length() > 60) ? line.substring(0, 60) + "..." : line) + "'";
	}

	private enum Kind {

		INPUT("a task's input"), CONDITION("a task's when"), ITEMS("with_items"),
		TRANSITION_CONDITION("a transition's when"), PUBLISH("publish"), OUTPUT("output_map");

		final String where;

		Kind(String where) {
			this.where = where;
		}

		boolean isCondition() {
			return this == CONDITION || this == TRANSITION_CONDITION;
		}

		boolean isTransition() {
			return this == TRANSITION_CONDITION || this == PUBLISH;
		}

	}

}
