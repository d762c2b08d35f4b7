package io.durableflow.definition.yaml;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.util.Assert;

/**
 * One task, normalized: legacy transition fields are folded into {@link #next()}.
 *
 * @param name unique over the whole definition, sub-tasks included
 * @param type what it runs
 * @param action the action's name, or for a {@link TaskType#WORKFLOW} task the ref of the
 * definition it runs; {@code null} for a parallel task
 * @param input the input as written: a map of templates and literals; {@code null} when
 * it has none (the workflow's parameters are its input then)
 * @param when when falsy the task is skipped; {@code null} always runs
 * @param withItems the items: usually a template string, or a literal list
 * @param batchSize items per execution, with {@code withItems}
 * @param concurrency executions at a time, with {@code withItems}
 * @param retry how failures are retried; {@code null} for never
 * @param timeout how long one execution may take; {@code null} for no limit
 * @param join how many inbound tasks must end first; {@code null} starts on the first
 * @param subtasks the sub-tasks of a parallel task, in order
 * @param next the transitions, in order
 * @param line the line of the task in the source, from 1
 * @param column its column, from 1
 */
public record TaskModel(String name, TaskType type, @Nullable String action, @Nullable JsonNode input,
		@Nullable String when, @Nullable JsonNode withItems, @Nullable Integer batchSize, @Nullable Integer concurrency,
		@Nullable RetryModel retry, @Nullable Duration timeout, @Nullable Integer join, List<TaskModel> subtasks,
		List<TransitionModel> next, int line, int column) {

	public TaskModel {
		Assert.notNull(name, "name must not be null");
		Assert.notNull(type, "type must not be null");
		input = (input != null) ? input.deepCopy() : null;
		withItems = (withItems != null) ? withItems.deepCopy() : null;
		subtasks = List.copyOf(subtasks);
		next = List.copyOf(next);
	}

	/** A copy: the model stays as it was read. */
	@Override
	public @Nullable JsonNode input() {
		return (this.input != null) ? this.input.deepCopy() : null;
	}

	/** A copy: the model stays as it was read. */
	@Override
	public @Nullable JsonNode withItems() {
		return (this.withItems != null) ? this.withItems.deepCopy() : null;
	}

}
