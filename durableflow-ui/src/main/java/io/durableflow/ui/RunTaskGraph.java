package io.durableflow.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.durableflow.StepGraphView;
import io.durableflow.StepGraphs;
import io.durableflow.WorkflowDefinitionView;
import io.durableflow.WorkflowDefinitions;
import io.durableflow.WorkflowRunView;
import org.jspecify.annotations.Nullable;

/**
 * The task graph of a YAML run's page: the revision the run runs, drawn by
 * {@link TaskGraphSvg} with each task's status
 * ({@link WorkflowDefinitions#taskStatuses}), and a legend counting the tasks in each
 * status; or the step graph of a {@code GraphWorkflow}'s run ({@link StepGraphs}), its
 * steps as tasks and each dependency as an edge from the step depended on.
 *
 * @param ref the definition's ref (the workflow's name)
 * @param revision the revision the run pinned; {@code null} for a step graph
 * @param svg the picture (every text escaped by {@link TaskGraphSvg})
 * @param legend every status a task can have, in order, with how many tasks have it
 */
public record RunTaskGraph(String ref, @Nullable Integer revision, String svg, List<LegendEntry> legend) {

	/** The statuses a task can have, in the order the legend shows them. */
	static final List<String> STATUSES = List.of("pending", "running", "waiting", "succeeded", "failed", "timed_out",
			"skipped", "cancelled");

	/**
	 * One status in the legend.
	 *
	 * @param status the status
	 * @param count how many tasks have it
	 */
	public record LegendEntry(String status, long count) {
	}

	/**
	 * The graph of {@code run}; empty for a run that is not of a stored definition (or
	 * when stored definitions are off).
	 */
	static Optional<RunTaskGraph> of(WorkflowRunView run, @Nullable WorkflowDefinitions definitions,
			@Nullable StepGraphs graphs) {
		Optional<StepGraphView> graph = (graphs != null) ? graphs.graph(run.runId()) : Optional.empty();
		if (graph.isPresent()) {
			return Optional.of(of(graph.get()));
		}
		return of(run, definitions);
	}

	/** A step graph drawn as a task graph: a dependency is an edge on success. */
	static RunTaskGraph of(StepGraphView graph) {
		Map<String, List<String>> dependants = new LinkedHashMap<>();
		graph.steps()
			.forEach((step) -> step.dependsOn()
				.forEach((id) -> dependants.computeIfAbsent(id, (key) -> new ArrayList<>()).add(step.id())));
		List<Map<String, Object>> tasks = new ArrayList<>();
		Map<String, String> statuses = new LinkedHashMap<>();
		for (StepGraphView.Step step : graph.steps()) {
			Map<String, Object> task = new LinkedHashMap<>();
			task.put("name", step.id());
			task.put("action", step.action());
			List<String> next = dependants.getOrDefault(step.id(), List.of());
			task.put("next", next.isEmpty() ? List.of() : List.of(Map.of("when", "{{ succeeded() }}", "do", next)));
			tasks.add(task);
			statuses.put(step.id(), step.status());
		}
		return new RunTaskGraph(graph.workflowName(), null,
				TaskGraphSvg.render(Map.of("ref", graph.workflowName(), "tasks", tasks), statuses), legend(statuses));
	}

	private static List<LegendEntry> legend(Map<String, String> statuses) {
		List<LegendEntry> legend = new ArrayList<>();
		for (String status : STATUSES) {
			legend.add(new LegendEntry(status, statuses.values().stream().filter(status::equals).count()));
		}
		return legend;
	}

	static Optional<RunTaskGraph> of(WorkflowRunView run, @Nullable WorkflowDefinitions definitions) {
		Integer revision = run.definitionRevision();
		if (definitions == null || revision == null) {
			return Optional.empty();
		}
		Optional<WorkflowDefinitions.Details> details = definitions.find(run.workflowName(), revision)
			.filter((found) -> WorkflowDefinitionView.YAML.equals(found.kind()) && found.definition() != null);
		if (details.isEmpty()) {
			return Optional.empty();
		}
		Map<String, String> statuses = definitions.taskStatuses(run.runId());
		return Optional.of(new RunTaskGraph(run.workflowName(), revision,
				TaskGraphSvg.render(details.get().definition(), statuses), legend(statuses)));
	}

}
