package io.durableflow.definition.yaml;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.durableflow.definition.yaml.DefinitionProblem.Severity;

/**
 * What a definition means, checked by every rule of DEFINITIONS.md ("Validator"), all
 * problems collected: a missing version or tasks, duplicate task names, a task without
 * the action or sub-tasks its type needs, unknown actions, retry, timeout and batch
 * bounds, size limits, then the task graph ({@link GraphRules}: unknown targets, sub-task
 * transitions outside their group, {@code join} bounds, unreachable tasks) and the
 * templates ({@link TemplateRules}).
 */
final class DefinitionValidator {

	/** At most this many tasks, sub-tasks included. */
	static final int MAX_TASKS = 1000;

	/** Parallel tasks nest at most this deep. */
	static final int MAX_NESTING = 5;

	static final int MAX_RETRIES = 100;

	private final TemplateChecker templates;

	DefinitionValidator(TemplateChecker templates) {
		this.templates = templates;
	}

	void validate(WorkflowDefinitionModel model, SourceMap sourceMap, String source, ParseOptions options,
			Problems problems) {
		if (model.version().isBlank()) {
			problems.error(sourceMap.locate("version"), "A definition needs a version, such as \"1.0.0\"");
		}
		if (model.tasks().isEmpty()) {
			problems.error(sourceMap.locate("tasks"), "A definition needs at least one task in 'tasks'");
		}
		int count = model.allTasks().size();
		if (count > MAX_TASKS) {
			problems.error(sourceMap.locate("tasks"),
					"Too many tasks: " + count + ", at most " + MAX_TASKS + "; split the workflow into several");
		}
		tasks(model.tasks(), "tasks", 1, new HashMap<>(), sourceMap, options, problems);
		new GraphRules(sourceMap, problems).check(model);
		new TemplateRules(this.templates, model, sourceMap, source, options, problems).check();
	}

	private void tasks(List<TaskModel> tasks, String listPath, int depth, Map<String, SourceLocation> names,
			SourceMap sourceMap, ParseOptions options, Problems problems) {
		for (int i = 0; i < tasks.size(); i++) {
			TaskModel task = tasks.get(i);
			String path = SourceMap.index(listPath, i);
			SourceLocation at = sourceMap.locate(path);
			if (!task.name().isEmpty()) {
				SourceLocation first = names.putIfAbsent(task.name(), sourceMap.locate(path + ".name"));
				if (first != null) {
					problems.error(sourceMap.locate(path + ".name"), "Duplicate task name '" + task.name()
							+ "': the first is at line " + first.line() + "; names are unique, sub-tasks included");
				}
			}
			action(task, at, sourceMap.locate(path + ".action"), options, problems);
			if (task.type() == TaskType.PARALLEL) {
				if (task.subtasks().isEmpty()) {
					problems.error(at, "Parallel task '" + task.name() + "' needs sub-tasks in 'tasks'");
				}
				if (depth > MAX_NESTING) {
					problems.error(at, "Parallel tasks nest at most " + MAX_NESTING + " deep");
				}
			}
			else if (!task.subtasks().isEmpty()) {
				problems.error(sourceMap.locate(path + ".tasks"), "Only a parallel task has sub-tasks: add "
						+ "'type: parallel' to '" + task.name() + "', or move them to the top level");
			}
			bounds(task, path, sourceMap, problems);
			tasks(task.subtasks(), path + ".tasks", depth + 1, names, sourceMap, options, problems);
		}
	}

	private static void action(TaskModel task, SourceLocation at, SourceLocation actionAt, ParseOptions options,
			Problems problems) {
		if (task.type() == TaskType.PARALLEL) {
			if (task.action() != null) {
				problems.warning(actionAt,
						"'action' of parallel task '" + task.name() + "' is ignored: its sub-tasks run");
			}
			return;
		}
		if (task.action() == null || task.action().isBlank()) {
			problems.error(at, "Task '" + task.name() + "' needs an 'action'"
					+ ((task.type() == TaskType.WORKFLOW) ? ": the ref of the definition it runs" : ""));
			return;
		}
		if (task.type() == TaskType.ACTION && options.knownActions() != null
				&& !options.knownActions().test(task.action())) {
			problems.add(options.unknownActions(), actionAt.line(), actionAt.column(), actionAt.path(),
					"Action '" + task.action() + "' is not defined"
							+ ((options.unknownActions() == Severity.WARNING) ? " (yet)" : "")
							+ ": declare a @DurableAction bean of that name");
		}
	}

	private static void bounds(TaskModel task, String path, SourceMap sourceMap, Problems problems) {
		RetryModel retry = task.retry();
		if (retry != null) {
			if (retry.count() < 1 || retry.count() > MAX_RETRIES) {
				problems.error(sourceMap.locate(path + ".retry.count"),
						"retry.count must be 1 to " + MAX_RETRIES + ", was " + retry.count());
			}
			if (retry.delay().isNegative()) {
				problems.error(sourceMap.locate(path + ".retry.delay"), "retry.delay must be 0 or more seconds");
			}
			if (retry.maxDelay() != null && retry.maxDelay().compareTo(retry.delay()) < 0) {
				problems.error(sourceMap.locate(path + ".retry.max_delay"),
						"retry.max_delay (" + retry.maxDelay().getSeconds() + " s) is less than retry.delay ("
								+ retry.delay().getSeconds() + " s): no delay could be that short");
			}
		}
		Duration timeout = task.timeout();
		if (timeout != null && timeout.getSeconds() < 1) {
			problems.error(sourceMap.locate(path + ".timeout"), "'timeout' must be at least 1 second");
		}
		positive(task.batchSize(), "batch_size", task, path, sourceMap, problems);
		positive(task.concurrency(), "concurrency", task, path, sourceMap, problems);
	}

	private static void positive(Integer value, String key, TaskModel task, String path, SourceMap sourceMap,
			Problems problems) {
		if (value == null) {
			return;
		}
		SourceLocation at = sourceMap.locate(path + "." + key);
		if (value < 1) {
			problems.error(at, "'" + key + "' must be at least 1, was " + value);
		}
		else if (task.withItems() == null) {
			problems.warning(at, "'" + key + "' is ignored without 'with_items'");
		}
	}

}
