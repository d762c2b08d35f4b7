package io.durableflow.taskgraph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.durableflow.GraphWorkflow;
import io.durableflow.RunNotFoundException;
import io.durableflow.StepGraphView;
import io.durableflow.StepGraphs;
import io.durableflow.definition.WorkflowRegistry;
import io.durableflow.json.WorkflowJson;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@link StepGraphs} bean: a step graph's steps from what its run recorded (the
 * declared ones in {@value StepGraphRun#BUILD}, the emitted ones in the results of the
 * steps that emitted them, when the graph took them), each step's status from its steps
 * and child runs under the names {@link StepGraphRun} gives them
 * ({@link StepGraphStatuses}). The read side only.
 */
public class StepGraphReader implements StepGraphs {

	private static final String STEPS = """
			SELECT name, seq, kind, status, result::text AS result, error ->> 'code' AS error_code
			FROM durableflow.workflow_steps WHERE run_id = ? ORDER BY seq""";

	private static final String CHILDREN = """
			SELECT run_id, status, error ->> 'code' AS error_code
			FROM durableflow.workflow_runs WHERE parent_run_id = ?""";

	private static final Pattern OUTCOME = Pattern.compile("(.+?)(#\\d+)?\\.(run|done)");

	private final JdbcTemplate jdbc;

	private final WorkflowJson json;

	private final WorkflowRegistry registry;

	public StepGraphReader(JdbcTemplate jdbc, WorkflowJson json, WorkflowRegistry registry) {
		this.jdbc = jdbc;
		this.json = json;
		this.registry = registry;
	}

	@Override
	public Optional<StepGraphView> graph(String runId) {
		List<Map<String, Object>> run = this.jdbc
			.queryForList("SELECT workflow_name, status FROM durableflow.workflow_runs WHERE run_id = ?", runId);
		if (run.isEmpty()) {
			throw new RunNotFoundException(runId);
		}
		String workflow = (String) run.get(0).get("workflow_name");
		boolean graph = this.registry.find(workflow)
			.map((definition) -> GraphWorkflow.class.isAssignableFrom(definition.workflowClass()))
			.orElse(false);
		if (!graph) {
			return Optional.empty();
		}
		Map<String, StepGraphStatuses.Step> steps = new LinkedHashMap<>();
		this.jdbc.query(STEPS, (row) -> {
			String result = row.getString("result");
			steps.put(row.getString("name"), new StepGraphStatuses.Step(row.getString("kind"), row.getString("status"),
					(result != null) ? this.json.read(result, Object.class) : null, row.getString("error_code")));
		}, runId);
		StepGraphStatuses.Step build = steps.get(StepGraphRun.BUILD);
		if (build == null || !"completed".equals(build.status())) {
			return Optional.empty();
		}
		Map<String, StepGraphStatuses.Child> children = new HashMap<>();
		this.jdbc.query(CHILDREN, (row) -> {
			children.put(row.getString("run_id"),
					new StepGraphStatuses.Child(row.getString("status"), row.getString("error_code")));
		}, runId);
		Map<String, GraphNode> nodes = new LinkedHashMap<>();
		this.json.read(this.json.write(build.result()), GraphNode.Declared.class)
			.steps()
			.forEach((node) -> nodes.put(node.id(), node));
		steps.forEach((name, step) -> emitted(name, step, steps).forEach((node) -> nodes.putIfAbsent(node.id(), node)));
		boolean finished = List.of("completed", "failed", "cancelled").contains(run.get(0).get("status"));
		Map<String, String> statuses = StepGraphStatuses.of(List.copyOf(nodes.values()), steps, children, finished);
		List<StepGraphView.Step> view = new ArrayList<>();
		for (GraphNode node : nodes.values()) {
			view.add(new StepGraphView.Step(node.id(), node.action(), node.dependsOn(), node.emittedBy(),
					node.dedupKey(), node.queue(), statuses.get(node.id())));
		}
		return Optional.of(new StepGraphView(runId, workflow, view));
	}

	/**
	 * Whether the graph took what the attempt ({@code #<n>}, {@code null} for the first)
	 * of step {@code id} emitted. It refuses an emission whose id clashes, whose action
	 * is not registered or whose dependency the run does not have ({@link StepGraphRun}):
	 * the emitter fails instead, recorded as its mark (the step {@code <id>}, failed),
	 * and none of the emitted steps joins the graph, so none will run. Only the step's
	 * latest attempt can have been taken (an earlier one failed, or an operator would not
	 * have retried it), and only if its mark, when it has one, says the attempt
	 * completed. Until the graph records the mark (once nothing else is ready or running)
	 * a refused emission reads as taken.
	 */
	private static boolean taken(String id, @Nullable String attempt, Map<String, StepGraphStatuses.Step> steps) {
		int number = (attempt != null) ? Integer.parseInt(attempt.substring(1)) : 1;
		if (number != StepGraphStatuses.latestAttempt(id, steps)) {
			return false;
		}
		StepGraphStatuses.Step mark = steps.get(id);
		return mark == null || "completed".equals(mark.status());
	}

	/**
	 * The steps a completed outcome step ({@code .run}, {@code .done}) emitted, if the
	 * graph took them (see {@link #taken}).
	 */
	private List<GraphNode> emitted(String name, StepGraphStatuses.Step step,
			Map<String, StepGraphStatuses.Step> steps) {
		Matcher matcher = OUTCOME.matcher(name);
		if (!matcher.matches() || !"completed".equals(step.status()) || !(step.result() instanceof Map<?, ?> result)
				|| !taken(matcher.group(1), matcher.group(2), steps)) {
			return List.of();
		}
		@Nullable Object envelope = result;
		if ("done".equals(matcher.group(3))) {
			Object payload = result.get("payload");
			if (!(payload instanceof Map<?, ?> finished) || !"completed".equals(finished.get("status"))) {
				return List.of();
			}
			envelope = finished.get("output");
		}
		if (!(envelope instanceof Map<?, ?> map) || !(map.get("emitted") instanceof List<?>)) {
			return List.of();
		}
		try {
			GraphNode.Envelope read = this.json.read(this.json.write(envelope), GraphNode.Envelope.class);
			return (read.emitted() != null) ? read.emitted() : List.of();
		}
		catch (RuntimeException ex) {
			return List.of();
		}
	}

}
