package io.durableflow.definition.yaml;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a model as the canonical form of the format: the keys a definition file has,
 * {@code next} for every transition, nothing left out that changes what runs, nothing
 * absent written as {@code null}.
 */
final class DefinitionJson {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private DefinitionJson() {
	}

	static ObjectNode of(WorkflowDefinitionModel model) {
		ObjectNode json = NODES.objectNode();
		json.put("ref", model.ref());
		putIfPresent(json, "label", model.label());
		putIfPresent(json, "description", model.description());
		json.put("version", model.version());
		if (!model.tags().isEmpty()) {
			ArrayNode tags = json.putArray("tags");
			model.tags().forEach(tags::add);
		}
		putIfPresent(json, "parameters", model.parameters());
		putIfPresent(json, "output", model.output());
		if (!model.vars().isEmpty()) {
			json.set("vars", map(model.vars()));
		}
		json.set("tasks", tasks(model.tasks()));
		if (!model.outputMap().isEmpty()) {
			json.set("output_map", map(model.outputMap()));
		}
		json.put("cancellation_policy", model.cancellationPolicy().yamlName());
		return json;
	}

	private static ArrayNode tasks(List<TaskModel> tasks) {
		ArrayNode array = NODES.arrayNode();
		for (TaskModel task : tasks) {
			array.add(task(task));
		}
		return array;
	}

	private static ObjectNode task(TaskModel task) {
		ObjectNode json = NODES.objectNode();
		json.put("name", task.name());
		json.put("type", task.type().yamlName());
		putIfPresent(json, "action", task.action());
		putIfPresent(json, "input", task.input());
		putIfPresent(json, "when", task.when());
		putIfPresent(json, "with_items", task.withItems());
		putIfPresent(json, "batch_size", task.batchSize());
		putIfPresent(json, "concurrency", task.concurrency());
		if (task.retry() != null) {
			json.set("retry", retry(task.retry()));
		}
		putIfPresent(json, "timeout", seconds(task.timeout()));
		putIfPresent(json, "join", task.join());
		if (!task.subtasks().isEmpty()) {
			json.set("tasks", tasks(task.subtasks()));
		}
		if (!task.next().isEmpty()) {
			ArrayNode next = json.putArray("next");
			task.next().forEach((transition) -> next.add(transition(transition)));
		}
		return json;
	}

	private static ObjectNode retry(RetryModel retry) {
		ObjectNode json = NODES.objectNode();
		json.put("count", retry.count());
		json.put("delay", retry.delay().getSeconds());
		json.put("backoff", retry.backoff().yamlName());
		putIfPresent(json, "max_delay", seconds(retry.maxDelay()));
		return json;
	}

	private static ObjectNode transition(TransitionModel transition) {
		ObjectNode json = NODES.objectNode();
		putIfPresent(json, "when", transition.when());
		if (!transition.publish().isEmpty()) {
			ArrayNode publish = json.putArray("publish");
			for (PublishModel directive : transition.publish()) {
				publish.add(NODES.objectNode().set(directive.name(), directive.value()));
			}
		}
		ArrayNode targets = json.putArray("do");
		transition.doTasks().forEach(targets::add);
		if (transition.decision()) {
			json.put("decision", true);
		}
		if (transition.otherwise()) {
			json.put("otherwise", true);
		}
		return json;
	}

	private static ObjectNode map(Map<String, JsonNode> values) {
		ObjectNode json = NODES.objectNode();
		values.forEach(json::set);
		return json;
	}

	private static @Nullable Long seconds(@Nullable Duration duration) {
		return (duration != null) ? duration.getSeconds() : null;
	}

	private static void putIfPresent(ObjectNode json, String key, @Nullable Object value) {
		if (value instanceof String text) {
			json.put(key, text);
		}
		else if (value instanceof Integer number) {
			json.put(key, number);
		}
		else if (value instanceof Long number) {
			json.put(key, number);
		}
		else if (value instanceof JsonNode node) {
			json.set(key, node);
		}
	}

}
