package io.durableflow.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.durableflow.WorkflowDefinitionView;
import io.durableflow.WorkflowDefinitions;
import io.durableflow.WorkflowRunView;
import org.jspecify.annotations.Nullable;

/**
 * The task graph of a YAML run's page: the revision the run runs, drawn by
 * {@link TaskGraphSvg} with each task's status
 * ({@link WorkflowDefinitions#taskStatuses}), and a legend counting the tasks in each
 * status.
 *
 * @param ref the definition's ref
 * @param revision the revision the run pinned
 * @param svg the picture (every text escaped by {@link TaskGraphSvg})
 * @param legend every status a task can have, in order, with how many tasks have it
 */
public record RunTaskGraph(String ref, int revision, String svg, List<LegendEntry> legend) {

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
		List<LegendEntry> legend = new ArrayList<>();
		for (String status : STATUSES) {
			legend.add(new LegendEntry(status, statuses.values().stream().filter(status::equals).count()));
		}
		return Optional.of(new RunTaskGraph(run.workflowName(), revision,
				TaskGraphSvg.render(details.get().definition(), statuses), legend));
	}

}
