package io.durableflow.definition.yaml;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;
import tools.jackson.databind.JsonNode;

/**
 * Reads tasks. The shape of each field is checked here (text, whole numbers, known
 * names); what the values mean is checked by {@link DefinitionValidator}. Transitions go
 * through {@link TransitionReader}.
 */
final class TaskReader {

	static final Set<String> KEYS = Set.of("name", "type", "action", "input", "when", "with_items", "batch_size",
			"concurrency", "retry", "timeout", "join", "tasks", "next", "on_success", "on_failure", "on_complete",
			"on_timeout", "decision", "publish");

	private static final Set<String> RETRY_KEYS = Set.of("count", "delay", "backoff", "max_delay");

	private final NodeJson json;

	private final Problems problems;

	private final SourceMap sourceMap;

	private final TransitionReader transitions;

	TaskReader(NodeJson json, Problems problems, SourceMap sourceMap) {
		this.json = json;
		this.problems = problems;
		this.sourceMap = sourceMap;
		this.transitions = new TransitionReader(json, problems, sourceMap);
	}

	/** The tasks of a {@code tasks} list; those that are not mappings are left out. */
	List<TaskModel> readAll(YamlEntries.@Nullable Entry entry) {
		List<TaskModel> tasks = new ArrayList<>();
		if (entry == null || Values.isNull(entry.value())) {
			return tasks;
		}
		if (!(entry.value() instanceof SequenceNode sequence)) {
			this.problems.error(entry.valueLocation(), "'tasks' must be a list of tasks, each with at least a name");
			return tasks;
		}
		this.sourceMap.put(entry.path(), entry.valueLocation());
		List<Node> items = sequence.getValue();
		for (int i = 0; i < items.size(); i++) {
			String path = SourceMap.index(entry.path(), i);
			if (items.get(i) instanceof MappingNode mapping) {
				tasks.add(read(mapping, path));
			}
			else {
				this.problems.error(SourceLocation.of(items.get(i), path),
						"A task must be a mapping with at least a name, was '" + Values.shown(items.get(i)) + "'");
			}
		}
		return tasks;
	}

	private TaskModel read(MappingNode mapping, String path) {
		YamlEntries task = YamlEntries.of(mapping, path, this.problems);
		SourceLocation location = task.location();
		this.sourceMap.put(path, location);
		task.all().forEach((entry) -> this.sourceMap.put(entry.path(), entry.valueLocation()));
		task.warnUnknown(KEYS, "a task", this.problems);
		String name = Values.text(task.get("name"), "'name'", this.problems);
		if (name == null) {
			this.problems.error(location, "A task needs a name");
			name = "";
		}
		return new TaskModel(name, type(task.get("type")), Values.text(task.get("action"), "'action'", this.problems),
				input(task.get("input")), text(task, "when"), withItems(task.get("with_items")),
				integer(task, "batch_size"), integer(task, "concurrency"), retry(task.get("retry")),
				seconds(task, "timeout"), integer(task, "join"), readAll(task.get("tasks")),
				this.transitions.read(task), location.line(), location.column());
	}

	private TaskType type(YamlEntries.@Nullable Entry entry) {
		String name = Values.text(entry, "'type'", this.problems);
		if (name == null) {
			return TaskType.ACTION;
		}
		TaskType type = TaskType.of(name);
		if (type == null) {
			this.problems.error(entry.valueLocation(),
					"Unknown task type '" + name + "': one of action (the default), parallel, workflow");
			return TaskType.ACTION;
		}
		return type;
	}

	private @Nullable JsonNode input(YamlEntries.@Nullable Entry entry) {
		if (entry == null || Values.isNull(entry.value())) {
			return null;
		}
		if (!(entry.value() instanceof MappingNode)) {
			this.problems.error(entry.valueLocation(), "'input' must be a mapping of names to values or templates");
			return null;
		}
		return this.json.convert(entry.value(), entry.path());
	}

	private @Nullable JsonNode withItems(YamlEntries.@Nullable Entry entry) {
		if (entry == null || Values.isNull(entry.value())) {
			return null;
		}
		if (entry.value() instanceof MappingNode) {
			this.problems.error(entry.valueLocation(),
					"'with_items' must be a template such as " + "\"{{ parameters.items }}\", or a list");
			return null;
		}
		return this.json.convert(entry.value(), entry.path());
	}

	private @Nullable RetryModel retry(YamlEntries.@Nullable Entry entry) {
		if (entry == null || Values.isNull(entry.value())) {
			return null;
		}
		if (!(entry.value() instanceof MappingNode mapping)) {
			this.problems.error(entry.valueLocation(), "'retry' must be a mapping: {count, delay, backoff, max_delay}");
			return null;
		}
		YamlEntries retry = YamlEntries.of(mapping, entry.path(), this.problems);
		retry.all().forEach((field) -> this.sourceMap.put(field.path(), field.valueLocation()));
		retry.warnUnknown(RETRY_KEYS, "'retry'", this.problems);
		Integer count = integer(retry, "count");
		Duration delay = seconds(retry, "delay");
		if (delay == null && !retry.has("delay")) {
			this.problems.error(retry.location(), "'retry' needs a delay: the seconds before the first retry");
		}
		String backoffName = text(retry, "backoff");
		RetryModel.Backoff backoff = (backoffName != null) ? RetryModel.Backoff.of(backoffName)
				: RetryModel.Backoff.CONSTANT;
		if (backoff == null) {
			this.problems.error(retry.get("backoff").valueLocation(),
					"Unknown backoff '" + backoffName + "': one of constant (the default), linear, exponential");
			backoff = RetryModel.Backoff.CONSTANT;
		}
		return new RetryModel((count != null) ? count : 1, (delay != null) ? delay : Duration.ZERO, backoff,
				seconds(retry, "max_delay"));
	}

	private @Nullable String text(YamlEntries entries, String key) {
		YamlEntries.Entry entry = entries.get(key);
		String value = Values.text(entry, "'" + key + "'", this.problems);
		if (value != null) {
			this.sourceMap.put(entry.path(), entry.valueLocation());
		}
		return value;
	}

	private @Nullable Integer integer(YamlEntries entries, String key) {
		YamlEntries.Entry entry = entries.get(key);
		Integer value = Values.integer(entry, "'" + key + "'", this.problems);
		if (value != null) {
			this.sourceMap.put(entry.path(), entry.valueLocation());
		}
		return value;
	}

	private @Nullable Duration seconds(YamlEntries entries, String key) {
		YamlEntries.Entry entry = entries.get(key);
		Long value = Values.wholeNumber(entry, "'" + key + "' (seconds)", this.problems);
		if (value == null) {
			return null;
		}
		this.sourceMap.put(entry.path(), entry.valueLocation());
		return Duration.ofSeconds(value);
	}

}
