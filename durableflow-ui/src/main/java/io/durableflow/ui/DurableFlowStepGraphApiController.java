package io.durableflow.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.durableflow.RunNotFoundException;
import io.durableflow.StepGraphView;
import io.durableflow.StepGraphs;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A step graph's run under {@code {durableflow.ui.path}/api}: {@code GET
 * /runs/{runId}/graph} answers its steps (id, action, what each depends on, who emitted
 * it, dedup key, queue, status) and the edges between them; 404 for an unknown run or a
 * run that is not of a step graph. A run whose id has several parts (a child run's)
 * reaches it through {@link DurableFlowRunPathsApiController}.
 */
@RestController
@RequestMapping(path = "${durableflow.ui.path:/durableflow}/api", produces = MediaType.APPLICATION_JSON_VALUE)
public class DurableFlowStepGraphApiController {

	private final ObjectProvider<StepGraphs> graphs;

	public DurableFlowStepGraphApiController(ObjectProvider<StepGraphs> graphs) {
		this.graphs = graphs;
	}

	@GetMapping("/runs/{runId}/graph")
	public Map<String, Object> graph(@PathVariable String runId) {
		StepGraphs graphs = this.graphs.getIfAvailable();
		if (graphs == null) {
			throw new RunNotFoundException(runId);
		}
		StepGraphView graph = graphs.graph(runId).orElseThrow(() -> new NotAStepGraphException(runId));
		List<Map<String, Object>> steps = new ArrayList<>();
		List<Map<String, Object>> edges = new ArrayList<>();
		for (StepGraphView.Step step : graph.steps()) {
			Map<String, Object> node = new LinkedHashMap<>();
			node.put("id", step.id());
			node.put("action", step.action());
			node.put("dependsOn", step.dependsOn());
			node.put("emittedBy", step.emittedBy());
			node.put("dedupKey", step.dedupKey());
			node.put("queue", step.queue());
			node.put("status", step.status());
			steps.add(node);
			for (String from : step.dependsOn()) {
				Map<String, Object> edge = new LinkedHashMap<>();
				edge.put("from", from);
				edge.put("to", step.id());
				edges.add(edge);
			}
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("runId", graph.runId());
		body.put("workflowName", graph.workflowName());
		body.put("steps", steps);
		body.put("edges", edges);
		return body;
	}

	@ExceptionHandler({ RunNotFoundException.class, NotAStepGraphException.class })
	ProblemDetail notFound(RuntimeException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
		problem.setTitle("Not found");
		return problem;
	}

	/** The run is not of a step graph (or its graph is not built yet): 404. */
	static class NotAStepGraphException extends RuntimeException {

		NotAStepGraphException(String runId) {
			super("Run " + runId + " is not a step graph's run (or its graph is not built yet)");
		}

	}

}
