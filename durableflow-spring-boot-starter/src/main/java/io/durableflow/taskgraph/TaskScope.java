package io.durableflow.taskgraph;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What a task graph run's templates see, and the state it is made of: the parameters,
 * {@code system}, {@code pack}, the variables (published in order, one namespace, last
 * writer wins) and the outcome of every task that ended.
 */
final class TaskScope {

	private final Map<String, Object> parameters;

	private final Map<String, Object> system;

	private final Map<String, Object> pack;

	private final Map<String, Object> vars = new LinkedHashMap<>();

	private final Map<String, TaskOutcome> outcomes = new LinkedHashMap<>();

	TaskScope(Map<String, Object> parameters, Map<String, Object> system, Map<String, Object> pack) {
		this.parameters = parameters;
		this.system = system;
		this.pack = pack;
	}

	Map<String, Object> vars() {
		return this.vars;
	}

	Map<String, TaskOutcome> outcomes() {
		return this.outcomes;
	}

	/** What templates see. */
	Map<String, Object> scope(@Nullable Object item, @Nullable Integer index) {
		Map<String, Object> scope = new HashMap<>(this.vars);
		scope.put("parameters", this.parameters);
		scope.put("vars", this.vars);
		scope.put("workflow", this.vars);
		scope.put("system", this.system);
		scope.put("pack", this.pack);
		Map<String, Object> tasks = new HashMap<>();
		this.outcomes.forEach((name, outcome) -> tasks.put(name, view(outcome)));
		scope.put("task", tasks);
		if (index != null) {
			scope.put("item", item);
			scope.put("index", index);
		}
		return scope;
	}

	/**
	 * {@code task.<name>}: the result's fields when it is an object, and {@code result},
	 * {@code results}, {@code failed_items}, {@code status} and {@code error}.
	 */
	private static Map<String, Object> view(TaskOutcome outcome) {
		Map<String, Object> view = new HashMap<>();
		if (outcome.result() instanceof Map<?, ?> map) {
			map.forEach((key, value) -> view.put(String.valueOf(key), value));
		}
		view.put("result", outcome.result());
		view.put("results", (outcome.result() instanceof List<?>) ? outcome.result() : List.of());
		view.put("failed_items", outcome.failedItems());
		view.put("status", outcome.status().text());
		view.put("error", outcome.error());
		return view;
	}

}
