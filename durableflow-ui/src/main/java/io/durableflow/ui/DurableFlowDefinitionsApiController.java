package io.durableflow.ui;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.durableflow.DurableFlow;
import io.durableflow.RunNotFoundException;
import io.durableflow.UnknownDefinitionException;
import io.durableflow.WorkflowDefinitions;
import io.durableflow.WorkflowDefinitions.Format;
import io.durableflow.WorkflowRunView;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The definitions API of API.md §9 under {@code {durableflow.ui.path}/api}: workflows
 * (code and stored definitions) listed, stored definitions read, posted
 * ({@code application/yaml} or {@code application/json}), changed, deleted and started,
 * packs validated and synced, a run's tasks with their statuses. Every body is read with
 * a size limit first (413 past it); writes are refused on a read-only console. A write
 * takes a JSON or YAML body, which a form on another site cannot send (nor, without CORS,
 * a {@code DELETE}).
 */
@RestController
@RequestMapping(path = "${durableflow.ui.path:/durableflow}/api", produces = MediaType.APPLICATION_JSON_VALUE)
public class DurableFlowDefinitionsApiController {

	private final DurableFlow flow;

	private final ObjectProvider<WorkflowDefinitions> definitions;

	private final JsonMapper jsonMapper;

	private final DurableFlowUiProperties properties;

	public DurableFlowDefinitionsApiController(DurableFlow flow, ObjectProvider<WorkflowDefinitions> definitions,
			JsonMapper jsonMapper, DurableFlowUiProperties properties) {
		this.flow = flow;
		this.definitions = definitions;
		this.jsonMapper = jsonMapper;
		this.properties = properties;
	}

	/** Code workflows first, then stored definitions by ref; pages from 1. */
	@GetMapping("/workflows")
	public Map<String, Object> list(@RequestParam(required = false) String pack,
			@RequestParam(required = false) String tag, @RequestParam(required = false) String q,
			@RequestParam(defaultValue = "1") int page, @RequestParam(defaultValue = "50") int size) {
		return DefinitionJsonViews
			.page(definitions().list(blankToNull(pack), blankToNull(tag), blankToNull(q), page, size));
	}

	@GetMapping("/packs/{pack}/workflows")
	public Map<String, Object> pack(@PathVariable String pack, @RequestParam(required = false) String tag,
			@RequestParam(required = false) String q, @RequestParam(defaultValue = "1") int page,
			@RequestParam(defaultValue = "50") int size) {
		return DefinitionJsonViews.page(definitions().list(pack, blankToNull(tag), blankToNull(q), page, size));
	}

	@GetMapping("/workflows/{ref}")
	public Map<String, Object> find(@PathVariable String ref) {
		return DefinitionJsonViews
			.details(definitions().find(ref).orElseThrow(() -> new UnknownDefinitionException(ref)));
	}

	/**
	 * A run's tasks, each with its status, at the revision of the definition the run
	 * runs: {@code {"ref", "revision", "tasks": {name: status}}}; {@code tasks} is empty
	 * for a code workflow's run (and {@code revision} null). A run whose id has several
	 * parts (a child run's) reaches it through {@link DurableFlowRunPathsApiController}.
	 */
	@GetMapping("/runs/{runId}/tasks")
	public Map<String, Object> tasks(@PathVariable String runId) {
		WorkflowRunView run = this.flow.find(runId).orElseThrow(() -> new RunNotFoundException(runId));
		WorkflowDefinitions definitions = this.definitions.getIfAvailable();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("ref", run.workflowName());
		body.put("revision", run.definitionRevision());
		body.put("tasks", (definitions != null) ? definitions.taskStatuses(runId) : Map.of());
		return body;
	}

	/** Every revision of a stored definition, newest first. */
	@GetMapping("/workflows/{ref}/versions")
	public List<Map<String, Object>> versions(@PathVariable String ref) {
		return definitions().versions(ref).stream().map(DefinitionJsonViews::revision).toList();
	}

	@PostMapping(path = "/workflows",
			consumes = { "application/yaml", "application/x-yaml", "text/yaml", MediaType.APPLICATION_JSON_VALUE })
	public ResponseEntity<Map<String, Object>> create(HttpServletRequest request) throws IOException {
		requireActionsAllowed();
		WorkflowDefinitions definitions = definitions();
		WorkflowDefinitions.Details created = definitions.create(definitionText(request, definitions), format(request));
		return ResponseEntity.created(URI.create(request.getRequestURI().replaceAll("/+$", "") + "/" + created.ref()))
			.body(DefinitionJsonViews.details(created));
	}

	@PutMapping(path = "/workflows/{ref}",
			consumes = { "application/yaml", "application/x-yaml", "text/yaml", MediaType.APPLICATION_JSON_VALUE })
	public Map<String, Object> update(@PathVariable String ref, HttpServletRequest request) throws IOException {
		requireActionsAllowed();
		WorkflowDefinitions definitions = definitions();
		return DefinitionJsonViews
			.details(definitions.update(ref, definitionText(request, definitions), format(request)));
	}

	@DeleteMapping("/workflows/{ref}")
	public ResponseEntity<Void> delete(@PathVariable String ref) {
		requireActionsAllowed();
		definitions().delete(ref);
		return ResponseEntity.noContent().build();
	}

	/** Changes nothing, so a read-only console answers it too. */
	@PostMapping("/packs/{pack}/workflows/validate")
	public Map<String, Object> validate(@PathVariable String pack) {
		return DefinitionJsonViews.validation(definitions().validatePack(pack));
	}

	/**
	 * A JSON body ({@code {}} or none) so that no form on another site can ask for it.
	 */
	@PostMapping(path = "/packs/{pack}/workflows/sync", consumes = MediaType.APPLICATION_JSON_VALUE)
	public Map<String, Object> sync(@PathVariable String pack, HttpServletRequest request) throws IOException {
		requireActionsAllowed();
		RequestBodies.read(request, this.properties.getApi().getMaxRequestSize().toBytes(),
				"durableflow.ui.api.max-request-size");
		return DefinitionJsonViews.sync(definitions().syncPack(pack));
	}

	/** {@code {"parameters": {...}, "runId": "optional"}} → 201 {@code {"runId"}}. */
	@PostMapping(path = "/workflows/{ref}/runs", consumes = MediaType.APPLICATION_JSON_VALUE)
	public ResponseEntity<Map<String, Object>> start(@PathVariable String ref, HttpServletRequest request)
			throws IOException {
		requireActionsAllowed();
		byte[] body = RequestBodies.read(request, this.properties.getApi().getMaxRequestSize().toBytes(),
				"durableflow.ui.api.max-request-size");
		Map<?, ?> start = (body.length == 0) ? Map.of() : object(body);
		Object parameters = start.get("parameters");
		if (parameters != null && !(parameters instanceof Map)) {
			throw new DurableFlowApiController.BadApiRequestException("\"parameters\" must be a JSON object");
		}
		Object runId = start.get("runId");
		if (runId != null && (!(runId instanceof String id) || id.isBlank())) {
			throw new DurableFlowApiController.BadApiRequestException("\"runId\" must be a non-blank string");
		}
		@SuppressWarnings("unchecked")
		String started = definitions().start(ref, (Map<String, ?>) parameters, (String) runId).runId();
		return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("runId", started));
	}

	private String definitionText(HttpServletRequest request, WorkflowDefinitions definitions) throws IOException {
		return RequestBodies
			.text(RequestBodies.read(request, definitions.maxSourceBytes(), "durableflow.definitions.max-file-size"));
	}

	private static Format format(HttpServletRequest request) {
		MediaType type = MediaType.parseMediaType(request.getContentType());
		return MediaType.APPLICATION_JSON.isCompatibleWith(type) ? Format.JSON : Format.YAML;
	}

	private Map<?, ?> object(byte[] body) {
		try {
			if (this.jsonMapper.readValue(body, Object.class) instanceof Map<?, ?> map) {
				return map;
			}
			throw new DurableFlowApiController.BadApiRequestException("The request body must be a JSON object");
		}
		catch (JacksonException ex) {
			throw new DurableFlowApiController.BadApiRequestException(
					"The request body is not valid JSON: " + ex.getOriginalMessage());
		}
	}

	private WorkflowDefinitions definitions() {
		WorkflowDefinitions definitions = this.definitions.getIfAvailable();
		if (definitions == null) {
			throw new DefinitionsDisabledException();
		}
		return definitions;
	}

	private void requireActionsAllowed() {
		if (this.properties.isReadOnly()) {
			throw new DurableFlowApiController.ReadOnlyConsoleException();
		}
	}

	private static String blankToNull(String text) {
		return (text != null && !text.isBlank()) ? text : null;
	}

	/** No {@link WorkflowDefinitions} bean: answered with 404. */
	static class DefinitionsDisabledException extends RuntimeException {

		DefinitionsDisabledException() {
			super("Stored workflow definitions are switched off in this application "
					+ "(durableflow.definitions.enabled=false)");
		}

	}

}
