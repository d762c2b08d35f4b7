package io.durableflow.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.durableflow.DurableFlow;
import io.durableflow.WorkflowDefinitionView;
import io.durableflow.WorkflowDefinitions;
import io.durableflow.WorkflowDefinitions.Details;
import io.durableflow.WorkflowDefinitions.Problem;
import io.durableflow.WorkflowDefinitions.Summary;
import org.jspecify.annotations.Nullable;

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
import org.springframework.web.server.ResponseStatusException;

/**
 * The console's definitions pages: every workflow, code and stored definitions (pack,
 * version, tags, problems) with the files that could not be registered; a definition's
 * page with its source (line by line, each problem at its line), its versions and its
 * problems. Server-rendered; Thymeleaf escapes everything shown.
 */
@Controller
@RequestMapping("${durableflow.ui.path:/durableflow}")
public class DurableFlowDefinitionsConsoleController {

	static final int PAGE = 50;

	private final DurableFlow flow;

	private final ObjectProvider<WorkflowDefinitions> definitions;

	private final ConsoleQueries queries;

	private final DurableFlowUiProperties properties;

	private final ConsoleJson json;

	public DurableFlowDefinitionsConsoleController(DurableFlow flow, ObjectProvider<WorkflowDefinitions> definitions,
			ConsoleQueries queries, DurableFlowUiProperties properties, ConsoleJson json) {
		this.flow = flow;
		this.definitions = definitions;
		this.queries = queries;
		this.properties = properties;
		this.json = json;
	}

	@GetMapping("/definitions")
	public String definitions(@RequestParam(required = false) String pack, @RequestParam(required = false) String tag,
			@RequestParam(required = false) String q, @RequestParam(defaultValue = "1") int page, Model model) {
		WorkflowDefinitions stored = this.definitions.getIfAvailable();
		Map<String, String> inputTypes = new LinkedHashMap<>();
		this.flow.definitions().forEach((workflow) -> inputTypes.put(workflow.name(), workflow.inputType()));
		List<Summary> rows;
		long total;
		if (stored != null) {
			WorkflowDefinitions.Page found = stored.list(blankToNull(pack), blankToNull(tag), blankToNull(q),
					Math.max(1, page), PAGE);
			rows = found.items();
			total = found.total();
			model.addAttribute("unregistered", stored.unregistered());
		}
		else {
			rows = this.flow.definitions().stream().map(DurableFlowDefinitionsConsoleController::summary).toList();
			total = rows.size();
			model.addAttribute("unregistered", List.of());
		}
		model.addAttribute("rows", rows);
		model.addAttribute("inputTypes", inputTypes);
		model.addAttribute("outcomes", this.queries.outcomesByWorkflow(rows.stream().map(Summary::ref).toList()));
		model.addAttribute("filter", new Filter(pack, tag, q));
		model.addAttribute("page", Math.max(1, page));
		model.addAttribute("nextPage", ((long) Math.max(1, page) * PAGE < total) ? Math.max(1, page) + 1 : null);
		model.addAttribute("storedEnabled", stored != null);
		common(model);
		return "durableflow/definitions";
	}

	@GetMapping("/definitions/{ref}")
	public String definition(@PathVariable String ref, @RequestParam(required = false) Integer revision, Model model) {
		WorkflowDefinitions stored = this.definitions.getIfAvailable();
		Optional<Details> found = (stored == null) ? Optional.empty()
				: (revision != null) ? stored.find(ref, revision) : stored.find(ref);
		Details details = found.filter((one) -> WorkflowDefinitionView.YAML.equals(one.kind())).orElse(null);
		if (details == null) {
			WorkflowDefinitionView code = this.flow.definitions()
				.stream()
				.filter((workflow) -> workflow.name().equals(ref))
				.findFirst()
				.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
						"No workflow named '" + ref + "'" + ((revision != null) ? " at revision " + revision : "")));
			model.addAttribute("code", code);
			common(model);
			return "durableflow/definition";
		}
		model.addAttribute("definition", details);
		model.addAttribute("lines", SourceLine.of(details));
		model.addAttribute("versions", stored.versions(ref));
		model.addAttribute("parametersJson", this.json.pretty(details.parameters()));
		model.addAttribute("outputJson", this.json.pretty(details.output()));
		// escaped by TaskGraphSvg itself: the template inserts it as markup
		model.addAttribute("graph", (details.definition() != null) ? TaskGraphSvg.render(details.definition()) : null);
		common(model);
		return "durableflow/definition";
	}

	@ExceptionHandler(ResponseStatusException.class)
	@ResponseStatus(HttpStatus.NOT_FOUND)
	public String notFound(ResponseStatusException ex, Model model) {
		model.addAttribute("message", ex.getReason());
		common(model);
		return "durableflow/not-found";
	}

	private static Summary summary(WorkflowDefinitionView workflow) {
		return new Summary(workflow.name(), workflow.source(), null, null, null, null, workflow.version(), List.of(),
				true, 0, 0, null);
	}

	private static @Nullable String blankToNull(@Nullable String text) {
		return (text != null && !text.isBlank()) ? text : null;
	}

	private void common(Model model) {
		model.addAttribute("base", this.properties.getPath());
		model.addAttribute("readOnly", this.properties.isReadOnly());
		model.addAttribute("json", this.json);
	}

	/** The list's filters, as given. */
	public record Filter(@Nullable String pack, @Nullable String tag, @Nullable String q) {
	}

	/**
	 * One line of a definition's source, with the problems that point at it.
	 *
	 * @param number the line, from 1
	 * @param text its text
	 * @param problems the errors and warnings at it
	 */
	public record SourceLine(int number, String text, List<Problem> problems) {

		/** {@code has-error}, {@code has-warning} or nothing, for the line's colour. */
		public String cssClass() {
			if (this.problems.isEmpty()) {
				return "";
			}
			return this.problems.stream().anyMatch(Problem::error) ? "has-error" : "has-warning";
		}

		static List<SourceLine> of(Details details) {
			String source = (details.source() != null) ? details.source() : "";
			String[] texts = source.split("\r\n|\r|\n", -1);
			int count = (texts.length > 1 && texts[texts.length - 1].isEmpty()) ? texts.length - 1 : texts.length;
			List<List<Problem>> byLine = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				byLine.add(new ArrayList<>());
			}
			List<Problem> all = new ArrayList<>(details.errors());
			all.addAll(details.warnings());
			for (Problem problem : all) {
				byLine.get(Math.min(Math.max(problem.line(), 1), Math.max(count, 1)) - 1).add(problem);
			}
			List<SourceLine> lines = new ArrayList<>(count);
			for (int i = 0; i < count; i++) {
				lines.add(new SourceLine(i + 1, texts[i], byLine.get(i)));
			}
			return lines;
		}

	}

}
