package io.durableflow.ui;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.durableflow.DurableFlow;
import io.durableflow.QueueView;
import io.durableflow.RunNotFoundException;
import io.durableflow.WorkflowDefinitionView;
import io.durableflow.WorkflowArtifacts;
import io.durableflow.StepGraphs;
import io.durableflow.WorkflowDefinitions;
import io.durableflow.WorkflowRunView;
import io.durableflow.WorkflowTimeline;
import io.durableflow.ui.ConsoleQueries.RunFilter;
import io.durableflow.ui.ConsoleQueries.RunRow;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The console's pages: runs list, run timeline, queues (the definitions pages are
 * {@link DurableFlowDefinitionsConsoleController}'s). Server-rendered (Thymeleaf escapes
 * everything shown), so they work without JavaScript. Registered by the
 * auto-configuration.
 */
@Controller
@RequestMapping("${durableflow.ui.path:/durableflow}")
public class DurableFlowConsoleController {

	/** How far back the runs list's chart of runs per minute goes. */
	static final int ACTIVITY_MINUTES = 60;

	private final DurableFlow flow;

	private final ConsoleQueries queries;

	private final DurableFlowUiProperties properties;

	private final ConsoleJson json;

	private final ObjectProvider<WorkflowDefinitions> definitions;

	private final RunInputs inputs;

	private final ObjectProvider<WorkflowArtifacts> artifacts;

	private final ObjectProvider<StepGraphs> graphs;

	public DurableFlowConsoleController(DurableFlow flow, ObjectProvider<WorkflowDefinitions> definitions,
			ConsoleQueries queries, DurableFlowUiProperties properties, ConsoleJson json, JsonMapper mapper,
			ObjectProvider<WorkflowArtifacts> artifacts, ObjectProvider<StepGraphs> graphs) {
		this.artifacts = artifacts;
		this.graphs = graphs;
		this.definitions = definitions;
		this.json = json;
		this.inputs = new RunInputs(definitions, mapper);
		this.flow = flow;
		this.queries = queries;
		this.properties = properties;
	}

	@GetMapping({ "", "/" })
	public String runs(@RequestParam(required = false) String status, @RequestParam(required = false) String workflow,
			@RequestParam(required = false) String hostingMode, @RequestParam(required = false) String lifecycleStage,
			@RequestParam(required = false) String userId, @RequestParam(required = false) String runId,
			@RequestParam(required = false) String errorCode, @RequestParam(required = false) String queue,
			@RequestParam(required = false) String metadata, @RequestParam(required = false) Long before, Model model,
			HttpServletResponse response) {
		RunFilter filter = new RunFilter(status, workflow, hostingMode, lifecycleStage, userId, runId, errorCode, queue,
				metadata);
		String filterError = null;
		try {
			filter.metadataPairs();
		}
		catch (IllegalArgumentException ex) {
			// a metadata filter that cannot be read: the page says why, with the filter
			// as typed, and lists nothing
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			filterError = ex.getMessage();
		}
		model.addAttribute("filterError", filterError);
		List<RunRow> rows = (filterError != null) ? List.of() : this.queries.runs(filter, before);
		boolean more = rows.size() > ConsoleQueries.PAGE;
		List<RunRow> page = more ? rows.subList(0, ConsoleQueries.PAGE) : rows;
		model.addAttribute("filter", filter);
		model.addAttribute("runs", page);
		model.addAttribute("nextBefore", more ? page.get(page.size() - 1).id() : null);
		model.addAttribute("counts", countsByStatus());
		model.addAttribute("activity", this.queries.activity(Instant.now(), ACTIVITY_MINUTES));
		model.addAttribute("workflows", this.flow.definitions().stream().map(WorkflowDefinitionView::name).toList());
		model.addAttribute("queues", this.flow.queues().stream().map(QueueView::name).toList());
		common(model);
		return "durableflow/runs";
	}

	@GetMapping("/runs/{runId}")
	public String run(@PathVariable String runId, Model model) {
		runModel(runId, model);
		return "durableflow/run";
	}

	/**
	 * The parts of the run page that change as the run goes on (header, task graph,
	 * picture, steps, run log, outcome), rendered by the page's own template: the page
	 * fetches them again when a change of the run arrives, since a change carries no
	 * logs, results or error messages.
	 */
	@GetMapping("/runs/{runId}/parts")
	public String runParts(@PathVariable String runId, Model model) {
		runModel(runId, model);
		return "durableflow/run :: .live-part";
	}

	/**
	 * The page (or its parts) of a run whose id has several {@code /}-separated parts (a
	 * child run's, {@code parent/step}); {@code .../parts} of such a run is its parts,
	 * unless a run has the whole path as its id.
	 */
	@GetMapping("/runs/{*path}")
	public String runOfSeveralParts(@PathVariable String path, Model model) {
		RunPath target = RunPath.of(path, (runId) -> this.flow.find(runId).isPresent(), "parts");
		return target.suffix().equals("parts") ? runParts(target.runId(), model) : run(target.runId(), model);
	}

	private void runModel(String runId, Model model) {
		WorkflowRunView run = this.flow.find(runId).orElseThrow(() -> new RunNotFoundException(runId));
		WorkflowTimeline timeline = this.inputs.shown(run, this.flow.timeline(runId));
		model.addAttribute("run", run);
		model.addAttribute("input", this.json.pretty(this.inputs.shown(run)));
		model.addAttribute("timeline", timeline);
		model.addAttribute("output", this.inputs.shownOutput(run));
		model.addAttribute("children", this.queries.children(runId));
		model.addAttribute("artifacts", RunArtifacts.of(this.artifacts.getIfAvailable(), this.properties, runId));
		// a YAML run's task graph, at the revision it runs, with each task's status; a
		// step graph's steps with theirs
		model.addAttribute("taskGraph",
				RunTaskGraph.of(run, this.definitions.getIfAvailable(), this.graphs.getIfAvailable()).orElse(null));
		model.addAttribute("picture", TimelineBars.of(timeline, run.createdAt(), run.finishedAt()));
		// the event a waiting run waits for: the send-event form starts filled in with it
		model.addAttribute("pendingWait",
				run.status().isTerminal() ? null
						: timeline.steps()
							.stream()
							.flatMap((step) -> step.waits().stream())
							.filter((wait) -> "pending".equals(wait.status()))
							.findFirst()
							.orElse(null));
		model.addAttribute("duration", ConsoleFormat.duration(
				Duration.between(run.createdAt(), (run.finishedAt() != null) ? run.finishedAt() : Instant.now())));
		common(model);
	}

	/**
	 * The declared queues with their limits and what is in each now; the page fetches the
	 * numbers again from the JSON API every two seconds.
	 */
	@GetMapping("/queues")
	public String queues(Model model) {
		List<QueueView> queues = this.flow.queues();
		Map<String, String> ratePeriods = new LinkedHashMap<>();
		queues.stream()
			.filter((queue) -> queue.rateLimit() != null)
			.forEach((queue) -> ratePeriods.put(queue.name(), ConsoleFormat.period(queue.rateLimit().period())));
		model.addAttribute("queues", queues);
		model.addAttribute("ratePeriods", ratePeriods);
		common(model);
		return "durableflow/queues";
	}

	@ExceptionHandler(RunNotFoundException.class)
	@ResponseStatus(HttpStatus.NOT_FOUND)
	public String notFound(RunNotFoundException ex, Model model) {
		model.addAttribute("message", ex.getMessage());
		common(model);
		return "durableflow/not-found";
	}

	/**
	 * Runs by status as the pages and their filters name them: by stored value, in status
	 * order.
	 */
	private Map<String, Long> countsByStatus() {
		Map<String, Long> counts = new LinkedHashMap<>();
		this.flow.counts().byStatus().forEach((status, count) -> counts.put(status.dbValue(), count));
		return counts;
	}

	private void common(Model model) {
		model.addAttribute("base", this.properties.getPath());
		model.addAttribute("readOnly", this.properties.isReadOnly());
		model.addAttribute("json", this.json);
		model.addAttribute("paths", new ConsolePaths(this.properties.getPath()));
	}

}
