package io.durableflow.taskgraph;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.durableflow.GraphStep;
import io.durableflow.StepError;
import io.durableflow.StepHandle;
import io.durableflow.execution.ActionScope;
import io.durableflow.json.WorkflowJson;
import org.jspecify.annotations.Nullable;

/**
 * What one attempt of a step-graph step's action reads ({@code dependencyResult}: only
 * the steps it depends on) and adds ({@code emit}); its step records a
 * {@link GraphNode.Envelope}. Emitted ids are checked here against each other, the step
 * and its dependencies; against the whole run by the graph that takes the result.
 */
final class GraphActionScope implements ActionScope {

	private final String stepId;

	private final Map<String, Object> dependencies;

	private final WorkflowJson json;

	private final List<GraphNode> emitted = new ArrayList<>();

	private final Set<String> ids = new HashSet<>();

	private final @Nullable String graphRunId;

	private final Function<String, @Nullable String> queues;

	GraphActionScope(String stepId, @Nullable Map<String, Object> dependencies, WorkflowJson json,
			@Nullable String graphRunId, Function<String, @Nullable String> queues) {
		this.queues = queues;
		this.stepId = stepId;
		this.graphRunId = graphRunId;
		this.dependencies = (dependencies != null) ? dependencies : Map.of();
		this.json = json;
		this.ids.add(stepId);
		this.ids.addAll(this.dependencies.keySet());
	}

	@Override
	public @Nullable String artifactRunId() {
		return this.graphRunId;
	}

	@Override
	public String stepId() {
		return this.stepId;
	}

	@Override
	public <T> @Nullable T dependencyResult(String stepId, Class<T> type) {
		if (!this.dependencies.containsKey(stepId)) {
			throw StepError.permanent("not_a_dependency",
					"Step '" + this.stepId + "' read the result of step '" + stepId + "', which it does not depend on"
							+ (this.dependencies.isEmpty() ? " (it depends on no step)"
									: "; it depends on " + this.dependencies.keySet()));
		}
		return this.json.read(this.json.write(this.dependencies.get(stepId)), type);
	}

	@Override
	public StepHandle emit(String id, String actionName, @Nullable Object input, GraphStep... options) {
		GraphNode node = GraphNode.of(id, actionName, input, options, this.stepId, this.json, this.queues);
		if (!this.ids.add(id)) {
			throw StepError.permanent("duplicate_step_id", "Step '" + this.stepId + "' emitted step '" + id
					+ "', but the run has a step of that id already; step ids must be unique in a run");
		}
		this.emitted.add(node);
		return new StepHandle(id);
	}

	@Override
	public Object result(@Nullable Object output) {
		return this.json.read(this.json.write(new GraphNode.Envelope(output, this.emitted)), Object.class);
	}

}
