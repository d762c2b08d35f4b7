package io.durableflow.definition.yaml;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.util.Assert;

/**
 * A workflow definition, normalized and immutable: what a YAML (or JSON) definition says,
 * in one canonical form whichever way it was written. {@link #toJson()} is what is
 * stored.
 *
 * @param ref {@code <pack>.<name>}, unique
 * @param pack the pack: the part of the ref before its first dot
 * @param name the rest of the ref
 * @param label a title for people; {@code null} when not given
 * @param description what it does; {@code null} when not given
 * @param version the definition's own version text, such as {@code 1.0.0}
 * @param tags labels to find it by
 * @param parameters the start parameters as JSON Schema (Attune's flat map converted);
 * {@code null} when not given
 * @param output the output as JSON Schema; {@code null} when not given
 * @param vars the variables and their initial values, in order
 * @param tasks the top-level tasks, in order
 * @param outputMap the output: name to template, in order
 * @param cancellationPolicy what a cancel does to running tasks
 */
public record WorkflowDefinitionModel(String ref, String pack, String name, @Nullable String label,
		@Nullable String description, String version, List<String> tags, @Nullable JsonNode parameters,
		@Nullable JsonNode output, Map<String, JsonNode> vars, List<TaskModel> tasks, Map<String, JsonNode> outputMap,
		CancellationPolicy cancellationPolicy) {

	public WorkflowDefinitionModel {
		Assert.notNull(ref, "ref must not be null");
		Assert.notNull(pack, "pack must not be null");
		Assert.notNull(name, "name must not be null");
		Assert.notNull(version, "version must not be null");
		Assert.notNull(cancellationPolicy, "cancellationPolicy must not be null");
		tags = List.copyOf(tags);
		parameters = (parameters != null) ? parameters.deepCopy() : null;
		output = (output != null) ? output.deepCopy() : null;
		vars = copy(vars);
		tasks = List.copyOf(tasks);
		outputMap = copy(outputMap);
	}

	/** A copy: the model stays as it was read. */
	@Override
	public @Nullable JsonNode parameters() {
		return (this.parameters != null) ? this.parameters.deepCopy() : null;
	}

	/** A copy: the model stays as it was read. */
	@Override
	public @Nullable JsonNode output() {
		return (this.output != null) ? this.output.deepCopy() : null;
	}

	/** Copies, in order: the model stays as it was read. */
	@Override
	public Map<String, JsonNode> vars() {
		return copy(this.vars);
	}

	/** Copies, in order: the model stays as it was read. */
	@Override
	public Map<String, JsonNode> outputMap() {
		return copy(this.outputMap);
	}

	/**
	 * The normalized definition as JSON, for storage: the canonical form of the YAML
	 * format (snake_case keys, {@code next} transitions, parameters as JSON Schema),
	 * which {@link DefinitionParser} reads back as the same definition. Positions are not
	 * part of it: keep the source to report them.
	 */
	public ObjectNode toJson() {
		return DefinitionJson.of(this);
	}

	/** Every task, sub-tasks after their group, in source order. */
	public List<TaskModel> allTasks() {
		List<TaskModel> all = new ArrayList<>();
		addAll(this.tasks, all);
		return all;
	}

	private static void addAll(List<TaskModel> tasks, List<TaskModel> all) {
		for (TaskModel task : tasks) {
			all.add(task);
			addAll(task.subtasks(), all);
		}
	}

	private static Map<String, JsonNode> copy(Map<String, JsonNode> values) {
		Map<String, JsonNode> copy = new LinkedHashMap<>();
		values.forEach((key, value) -> copy.put(key, value.deepCopy()));
		return Collections.unmodifiableMap(copy);
	}

}
