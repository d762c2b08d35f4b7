package io.durableflow.taskgraph;

import java.util.List;
import java.util.function.Function;

import io.durableflow.definition.DefinitionSource;
import io.durableflow.definition.WorkflowDefinition;
import io.durableflow.json.WorkflowJson;
import org.jspecify.annotations.Nullable;

/**
 * Offers the built-in workflow {@value TaskCall#NAME}, which runs one task execution as a
 * child run (the items of a concurrent {@code with_items} task).
 */
public class TaskCallSource implements DefinitionSource {

	/** The source shown for it. */
	public static final String SOURCE = "built-in";

	private final WorkflowJson json;

	private final Function<String, @Nullable String> queues;

	/**
	 * @param json the engine's JSON
	 * @param queues the queue of an action by its name ({@code null}: none of its own),
	 * for the steps a graph step emits
	 */
	public TaskCallSource(WorkflowJson json, Function<String, @Nullable String> queues) {
		this.json = json;
		this.queues = queues;
	}

	@Override
	@SuppressWarnings("unchecked")
	public List<WorkflowDefinition> definitions() {
		Object runner = new TaskCall.Runner(this.json, this.queues);
		return List.of(new WorkflowDefinition(TaskCall.NAME, 1, SOURCE, "built-in (task-graph executor)",
				(io.durableflow.Workflow<Object, Object>) runner, TaskCall.Runner.class, this.json.type(TaskCall.class),
				this.json.type(Object.class)));
	}

}
