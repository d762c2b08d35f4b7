package io.durableflow.ui;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.durableflow.WorkflowDefinitions;
import io.durableflow.WorkflowDefinitions.Details;
import io.durableflow.WorkflowDefinitions.Problem;
import io.durableflow.WorkflowDefinitions.Summary;

/**
 * The definitions API's answers (API.md §9) as maps in a fixed order, times as ISO-8601
 * text whatever the application's mapper is set to.
 */
final class DefinitionJsonViews {

	private DefinitionJsonViews() {
	}

	static Map<String, Object> page(WorkflowDefinitions.Page page) {
		Map<String, Object> pagination = new LinkedHashMap<>();
		pagination.put("page", page.page());
		pagination.put("size", page.size());
		pagination.put("total", page.total());
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("items", page.items().stream().map(DefinitionJsonViews::summary).toList());
		view.put("pagination", pagination);
		return view;
	}

	static Map<String, Object> summary(Summary summary) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("ref", summary.ref());
		view.put("kind", summary.kind());
		view.put("pack", summary.pack());
		view.put("label", summary.label());
		view.put("description", summary.description());
		view.put("version", summary.version());
		view.put("revision", summary.revision());
		view.put("tags", summary.tags());
		view.put("startable", summary.startable());
		view.put("errors", summary.errors());
		view.put("warnings", summary.warnings());
		view.put("updatedAt", instant(summary.updatedAt()));
		return view;
	}

	static Map<String, Object> details(Details details) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("ref", details.ref());
		view.put("pack", details.pack());
		view.put("label", details.label());
		view.put("description", details.description());
		view.put("version", details.version());
		view.put("tags", details.tags());
		view.put("parameters", details.parameters());
		view.put("output", details.output());
		view.put("definition", details.definition());
		view.put("source", details.source());
		view.put("errors", problems(details.errors()));
		view.put("warnings", problems(details.warnings()));
		view.put("kind", details.kind());
		view.put("revision", details.revision());
		view.put("origin", details.origin());
		view.put("location", details.location());
		view.put("startable", details.startable());
		view.put("createdAt", instant(details.createdAt()));
		view.put("updatedAt", instant(details.updatedAt()));
		return view;
	}

	static Map<String, Object> revision(WorkflowDefinitions.Revision revision) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("revision", revision.revision());
		view.put("version", revision.version());
		view.put("origin", revision.origin());
		view.put("location", revision.location());
		view.put("checksum", revision.checksum());
		view.put("createdAt", instant(revision.createdAt()));
		view.put("current", revision.current());
		return view;
	}

	static Map<String, Object> validation(WorkflowDefinitions.PackValidation validation) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("valid", validation.valid());
		view.put("files", validation.files().stream().map(DefinitionJsonViews::file).toList());
		return view;
	}

	static Map<String, Object> sync(WorkflowDefinitions.PackSync sync) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("registered", sync.registered());
		view.put("updated", sync.updated());
		view.put("unchanged", sync.unchanged());
		view.put("errors", problems(sync.errors()));
		return view;
	}

	static Map<String, Object> file(WorkflowDefinitions.FileProblems file) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("file", file.file());
		view.put("ref", file.ref());
		view.put("errors", problems(file.errors()));
		view.put("warnings", problems(file.warnings()));
		return view;
	}

	static List<Map<String, Object>> problems(List<Problem> problems) {
		return problems.stream().map(DefinitionJsonViews::problem).toList();
	}

	private static Map<String, Object> problem(Problem problem) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("file", problem.file());
		view.put("line", problem.line());
		view.put("column", problem.column());
		view.put("path", problem.path());
		view.put("message", problem.message());
		return view;
	}

	private static String instant(Instant instant) {
		return (instant != null) ? instant.toString() : null;
	}

}
