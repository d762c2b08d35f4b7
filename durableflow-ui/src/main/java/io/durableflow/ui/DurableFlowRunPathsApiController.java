package io.durableflow.ui;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.durableflow.DurableFlow;
import io.durableflow.RunNotFoundException;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The JSON API's run endpoints for a run whose id has several {@code /}-separated parts
 * (a child run's, {@code parent/step}, each part percent-encoded): Spring MVC captures
 * such a path only with one {@code /runs/{*path}} pattern per method, so this controller
 * holds it and hands each request to the controller that answers the endpoint for a run
 * of one part: the run, {@code /timeline}, {@code /cancel} and
 * {@code /steps/{step}/retry} ({@link DurableFlowApiController}), {@code /tasks}
 * ({@link DurableFlowDefinitionsApiController}), {@code /graph}
 * ({@link DurableFlowStepGraphApiController}), {@code /artifacts} and
 * {@code /artifacts/{id}} ({@link DurableFlowArtifactsApiController}, when artifacts are
 * on). Which run and endpoint a path names is {@link RunPath}'s to tell: a run whose
 * whole path is its id wins. Errors are problem details, as the others answer them
 * ({@link DurableFlowApiExceptionHandler}).
 */
@RestController
@RequestMapping("${durableflow.ui.path:/durableflow}/api")
public class DurableFlowRunPathsApiController {

	private final DurableFlow flow;

	private final DurableFlowApiController api;

	private final DurableFlowDefinitionsApiController definitions;

	private final DurableFlowStepGraphApiController graphs;

	private final ObjectProvider<DurableFlowArtifactsApiController> artifacts;

	public DurableFlowRunPathsApiController(DurableFlow flow, DurableFlowApiController api,
			DurableFlowDefinitionsApiController definitions, DurableFlowStepGraphApiController graphs,
			ObjectProvider<DurableFlowArtifactsApiController> artifacts) {
		this.flow = flow;
		this.api = api;
		this.definitions = definitions;
		this.graphs = graphs;
		this.artifacts = artifacts;
	}

	/**
	 * The run, its timeline, tasks, graph or artifacts, or one artifact's bytes (the
	 * download answered as {@link DurableFlowArtifactsApiController#download} answers
	 * it); the JSON answers as {@code application/json}, like the endpoints for a run of
	 * one part.
	 */
	@GetMapping("/runs/{*path}")
	public ResponseEntity<?> read(@PathVariable String path) throws IOException {
		DurableFlowArtifactsApiController artifacts = this.artifacts.getIfAvailable();
		List<String> suffixes = new ArrayList<>(List.of("timeline", "tasks", "graph"));
		if (artifacts != null) {
			suffixes.addAll(List.of("artifacts", "artifacts/*"));
		}
		RunPath target = RunPath.of(path, this::isRun, suffixes.toArray(String[]::new));
		String runId = target.runId();
		if (artifacts != null && target.suffix().equals("artifacts/*")) {
			return artifacts.download(runId, target.segments().get(0));
		}
		if (artifacts != null && target.suffix().equals("artifacts")) {
			return json(artifacts.list(runId));
		}
		return json(switch (target.suffix()) {
			case "timeline" -> this.api.timeline(runId);
			case "tasks" -> this.definitions.tasks(runId);
			case "graph" -> this.graphs.graph(runId);
			default -> this.api.run(runId);
		});
	}

	/** {@code /cancel} and {@code /steps/{step}/retry}, as the API answers them. */
	@PostMapping(path = "/runs/{*path}", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	public Map<String, Object> act(@PathVariable String path, HttpServletRequest request) throws IOException {
		RunPath target = RunPath.endpoint(path, this::isRun, "cancel", "steps/*/retry");
		return switch (target.suffix()) {
			case "cancel" -> this.api.cancel(target.runId(), request);
			case "steps/*/retry" -> this.api.retry(target.runId(), target.segments().get(0), request);
			default -> throw new RunNotFoundException(target.runId());
		};
	}

	private static ResponseEntity<Object> json(Object body) {
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
	}

	private boolean isRun(String runId) {
		return this.flow.find(runId).isPresent();
	}

}
