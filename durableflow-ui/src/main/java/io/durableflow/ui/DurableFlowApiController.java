package io.durableflow.ui;

import java.io.IOException;
import java.io.InputStream;
import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import io.durableflow.BulkActionResult;
import io.durableflow.DurableFlow;
import io.durableflow.QueueView;
import io.durableflow.RunNotFoundException;
import io.durableflow.WorkflowDefinitions;
import io.durableflow.WorkflowRunView;
import io.durableflow.WorkflowTimeline;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The JSON API under {@code {durableflow.ui.path}/api}: events from the outside world,
 * run and queue reads and operator actions. Request bodies are read with a size limit
 * before they are parsed, by the application's {@link JsonMapper}; answers are written by
 * Spring MVC's message conversion, like those of the host's own controllers. Registered
 * by {@link DurableFlowUiAutoConfiguration}, never by component scanning.
 */
@RestController
@RequestMapping(path = "${durableflow.ui.path:/durableflow}/api", produces = MediaType.APPLICATION_JSON_VALUE)
public class DurableFlowApiController {

	/** The most runs one bulk action may name. */
	static final int MAX_RUNS_PER_REQUEST = 500;

	private static final Map<BulkActionResult.Skip, String> SKIP_NAMES = Map.of(BulkActionResult.Skip.NOT_FOUND,
			"notFound", BulkActionResult.Skip.FINISHED, "finished", BulkActionResult.Skip.NOT_FAILED, "notFailed",
			BulkActionResult.Skip.NO_FAILED_STEP, "noFailedStep");

	private final DurableFlow flow;

	private final JsonMapper jsonMapper;

	private final DurableFlowUiProperties properties;

	private final RunInputs inputs;

	public DurableFlowApiController(DurableFlow flow, ObjectProvider<WorkflowDefinitions> definitions,
			JsonMapper jsonMapper, DurableFlowUiProperties properties) {
		this.flow = flow;
		this.jsonMapper = jsonMapper;
		this.properties = properties;
		this.inputs = new RunInputs(definitions, jsonMapper);
	}

	/** {@code {"name": "...", "payload": {...}}} → {@code {"matched": n}}. */
	@PostMapping(path = "/events", consumes = MediaType.APPLICATION_JSON_VALUE)
	public Map<String, Object> notify(HttpServletRequest request) throws IOException {
		requireActionsAllowed();
		Map<?, ?> body = readObject(request);
		if (!(body.get("name") instanceof String name) || name.isBlank()) {
			throw new BadApiRequestException("An event needs a non-blank string \"name\"");
		}
		Object payload = body.get("payload");
		if (payload != null && !(payload instanceof Map)) {
			throw new BadApiRequestException("An event's \"payload\" must be a JSON object");
		}
		@SuppressWarnings("unchecked")
		Map<String, Object> map = (payload != null) ? (Map<String, Object>) payload : Map.of();
		return Map.of("matched", this.flow.notify(name, map));
	}

	/**
	 * Runs newest first, filtered by {@code workflow}, {@code status} and
	 * {@code metadata.<key>=<value>} (all must hold), {@code limit} at a time (50), the
	 * next page with {@code before=<nextBefore>} ({@link RunListJson}).
	 */
	@GetMapping("/runs")
	public Map<String, Object> runs(HttpServletRequest request) {
		return RunListJson.page(this.flow, request.getParameterMap());
	}

	@GetMapping("/runs/{runId}")
	public Map<String, Object> run(@PathVariable String runId) {
		WorkflowRunView run = this.flow.find(runId).orElseThrow(() -> new RunNotFoundException(runId));
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("runId", run.runId());
		view.put("workflowName", run.workflowName());
		RunListJson.nameAndMetadata(view, run);
		view.put("status", run.status().dbValue());
		view.put("hostingMode", run.hostingMode().dbValue());
		view.put("lifecycleStage", run.lifecycleStage().dbValue());
		view.put("userId", run.userId());
		view.put("tutorialSlug", run.tutorialSlug());
		view.put("parentRunId", run.parentRunId());
		view.put("queue", run.queue());
		view.put("priority", run.priority());
		view.put("concurrencyKey", run.concurrencyKey());
		view.put("definitionRevision", run.definitionRevision());
		// secret parameters masked, as on the run page
		view.put("input", this.inputs.shown(run));
		String output = this.inputs.shownOutput(run);
		view.put("output", (output != null) ? this.jsonMapper.readValue(output, Object.class) : null);
		view.put("error", run.error().orElse(null));
		view.put("createdAt", run.createdAt());
		view.put("finishedAt", run.finishedAt());
		return view;
	}

	/**
	 * The declared queues, {@code default} first: limits ({@code null} when not set) and
	 * what is in each now, at most a second old ({@link DurableFlow#queues()}). Times and
	 * periods as ISO-8601 text, whatever the application's mapper is set to.
	 */
	@GetMapping("/queues")
	public List<Map<String, Object>> queues() {
		return this.flow.queues().stream().map(DurableFlowApiController::queue).toList();
	}

	private static Map<String, Object> queue(QueueView queue) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("name", queue.name());
		view.put("description", queue.description());
		view.put("concurrency", queue.concurrency());
		view.put("workerConcurrency", queue.workerConcurrency());
		view.put("concurrencyPerKey", queue.concurrencyPerKey());
		view.put("running", queue.running());
		view.put("queued", queue.queued());
		view.put("moreQueued", queue.moreQueued());
		QueueView.RateLimit rateLimit = queue.rateLimit();
		Map<String, Object> rate = null;
		if (rateLimit != null) {
			rate = new LinkedHashMap<>();
			rate.put("limit", rateLimit.limit());
			rate.put("period", rateLimit.period().toString());
		}
		view.put("rateLimit", rate);
		view.put("oldestQueuedAt", (queue.oldestQueuedAt() != null) ? queue.oldestQueuedAt().toString() : null);
		return view;
	}

	@GetMapping("/runs/{runId}/timeline")
	public WorkflowTimeline timeline(@PathVariable String runId) {
		WorkflowRunView run = this.flow.find(runId).orElseThrow(() -> new RunNotFoundException(runId));
		return this.inputs.shown(run, this.flow.timeline(runId));
	}

	/**
	 * {@code {"reason": "..."}} (optional), as JSON ({@code {}} or no body, but the JSON
	 * content type), so that no form on another site can ask for it.
	 */
	@PostMapping(path = "/runs/{runId}/cancel", consumes = MediaType.APPLICATION_JSON_VALUE)
	public Map<String, Object> cancel(@PathVariable String runId, HttpServletRequest request) throws IOException {
		requireActionsAllowed();
		Map<?, ?> body = (request.getContentLengthLong() == 0) ? Map.of() : readObject(request);
		Object reason = body.get("reason");
		this.flow.cancel(runId, (reason != null) ? reason.toString() : "cancelled from the API", actor(request));
		return run(runId);
	}

	/** No body needed, but the JSON content type, as {@link #cancel}. */
	@PostMapping(path = "/runs/{runId}/steps/{stepName}/retry", consumes = MediaType.APPLICATION_JSON_VALUE)
	public Map<String, Object> retry(@PathVariable String runId, @PathVariable String stepName,
			HttpServletRequest request) {
		requireActionsAllowed();
		this.flow.retryStep(runId, stepName, actor(request));
		return run(runId);
	}

	/**
	 * {@code {"runIds": [...], "reason": "..."}} (reason optional): cancels the
	 * unfinished ones, skips the others.
	 */
	@PostMapping(path = "/runs/cancel", consumes = MediaType.APPLICATION_JSON_VALUE)
	public Map<String, Object> cancelRuns(HttpServletRequest request) throws IOException {
		requireActionsAllowed();
		Map<?, ?> body = readObject(request);
		List<String> runIds = runIds(body);
		Object reason = body.get("reason");
		BulkActionResult result = this.flow.cancelRuns(runIds,
				(reason != null) ? reason.toString() : "cancelled from the API", actor(request));
		return bulk(runIds, result);
	}

	/**
	 * {@code {"runIds": [...]}}: retries the failed ones at the step that failed them,
	 * skips the others.
	 */
	@PostMapping(path = "/runs/retry", consumes = MediaType.APPLICATION_JSON_VALUE)
	public Map<String, Object> retryRuns(HttpServletRequest request) throws IOException {
		requireActionsAllowed();
		List<String> runIds = runIds(readObject(request));
		return bulk(runIds, this.flow.retryFailedRuns(runIds, actor(request)));
	}

	/**
	 * Runs by status over all runs, as the runs list shows them (cached, at most 5 s
	 * old).
	 */
	@GetMapping("/counts")
	public Map<String, Long> counts() {
		Map<String, Long> counts = new LinkedHashMap<>();
		this.flow.counts().byStatus().forEach((status, count) -> counts.put(status.dbValue(), count));
		return counts;
	}

	private static List<String> runIds(Map<?, ?> body) {
		if (!(body.get("runIds") instanceof List<?> ids) || ids.isEmpty()) {
			throw new BadApiRequestException("Name the runs in \"runIds\", a non-empty JSON array of run ids");
		}
		if (ids.size() > MAX_RUNS_PER_REQUEST) {
			throw new BadApiRequestException("At most " + MAX_RUNS_PER_REQUEST + " runs per request; this one names "
					+ ids.size() + ". Select fewer runs, or send them in several requests");
		}
		List<String> runIds = new ArrayList<>(ids.size());
		for (Object id : ids) {
			if (!(id instanceof String runId) || runId.isBlank()) {
				throw new BadApiRequestException("Every entry of \"runIds\" must be a non-blank string");
			}
			runIds.add(runId);
		}
		return runIds;
	}

	private static Map<String, Object> bulk(List<String> runIds, BulkActionResult result) {
		Map<String, Object> skipped = new LinkedHashMap<>();
		for (BulkActionResult.Skip reason : BulkActionResult.Skip.values()) {
			skipped.put(SKIP_NAMES.get(reason), result.skipped(reason));
		}
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("requested", new LinkedHashSet<>(runIds).size());
		answer.put("done", result.done());
		answer.put("skipped", skipped);
		return answer;
	}

	private void requireActionsAllowed() {
		if (this.properties.isReadOnly()) {
			throw new ReadOnlyConsoleException();
		}
	}

	private static String actor(HttpServletRequest request) {
		Principal principal = request.getUserPrincipal();
		return (principal != null) ? principal.getName() : "api";
	}

	private Map<?, ?> readObject(HttpServletRequest request) throws IOException {
		long limit = this.properties.getApi().getMaxRequestSize().toBytes();
		if (request.getContentLengthLong() > limit) {
			throw new BadApiRequestException(
					"The request body is larger than " + limit + " bytes (durableflow.ui.api.max-request-size)");
		}
		byte[] body;
		try (InputStream in = request.getInputStream()) {
			body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 1, limit + 1));
		}
		if (body.length > limit) {
			throw new BadApiRequestException(
					"The request body is larger than " + limit + " bytes (durableflow.ui.api.max-request-size)");
		}
		try {
			Object value = this.jsonMapper.readValue(body, Object.class);
			if (!(value instanceof Map<?, ?> map)) {
				throw new BadApiRequestException("The request body must be a JSON object");
			}
			return map;
		}
		catch (JacksonException ex) {
			throw new BadApiRequestException("The request body is not valid JSON: " + ex.getOriginalMessage());
		}
	}

	/** A request the API cannot use: answered with 400. */
	static class BadApiRequestException extends RuntimeException {

		BadApiRequestException(String message) {
			super(message);
		}

	}

	/** An operator action on a read-only console: answered with 403. */
	static class ReadOnlyConsoleException extends RuntimeException {

		ReadOnlyConsoleException() {
			super("The DurableFlow console is read-only (durableflow.ui.read-only=true): operator actions are refused");
		}

	}

}
