package io.durableflow.ui;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.durableflow.DurableFlow;
import io.durableflow.RunQuery;
import io.durableflow.RunStatus;
import io.durableflow.WorkflowRunView;

/**
 * {@code GET {ui.path}/api/runs}: the runs {@link DurableFlow#runs} lists for the
 * request's parameters ({@code workflow}, {@code status}, {@code before}, {@code limit},
 * {@code metadata.<key>}), newest first, as {@code {"items": [...], "nextBefore": "<run
 * id>" | null}}. An item is a run without its input and output ({@code GET
 * /api/runs/{runId}} has those).
 */
final class RunListJson {

	private static final String STATUSES = Arrays.stream(RunStatus.values())
		.map(RunStatus::dbValue)
		.collect(Collectors.joining(", "));

	private RunListJson() {
	}

	/**
	 * The page for these request parameters.
	 * @throws IllegalArgumentException for a parameter that cannot be used, saying why
	 */
	static Map<String, Object> page(DurableFlow flow, Map<String, String[]> parameters) {
		RunQuery.Builder query = RunQuery.builder()
			.workflowName(one(parameters, "workflow"))
			.status(status(one(parameters, "status")))
			.before(one(parameters, "before"))
			.metadata(RunMetadataFilter.fromParameters(parameters));
		String limit = one(parameters, "limit");
		if (limit != null) {
			try {
				query.limit(Integer.parseInt(limit));
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("limit must be a number from 1 to " + RunQuery.MAX_LIMIT);
			}
		}
		RunQuery built = query.build();
		List<WorkflowRunView> runs = flow.runs(built);
		Map<String, Object> page = new LinkedHashMap<>();
		page.put("items", runs.stream().map(RunListJson::item).toList());
		page.put("nextBefore", (runs.size() == built.limit()) ? runs.get(runs.size() - 1).runId() : null);
		return page;
	}

	/** What a run's view shows of its name and metadata, beside its other fields. */
	static void nameAndMetadata(Map<String, Object> view, WorkflowRunView run) {
		view.put("name", run.name());
		view.put("metadata", run.metadata());
	}

	private static Map<String, Object> item(WorkflowRunView run) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("runId", run.runId());
		view.put("workflowName", run.workflowName());
		nameAndMetadata(view, run);
		view.put("status", run.status().dbValue());
		view.put("queue", run.queue());
		view.put("userId", run.userId());
		view.put("parentRunId", run.parentRunId());
		view.put("errorCode", run.error().map((error) -> error.code()).orElse(null));
		view.put("createdAt", run.createdAt().toString());
		view.put("finishedAt", (run.finishedAt() != null) ? run.finishedAt().toString() : null);
		return view;
	}

	private static RunStatus status(String value) {
		if (value == null) {
			return null;
		}
		for (RunStatus status : RunStatus.values()) {
			if (status.dbValue().equals(value)) {
				return status;
			}
		}
		throw new IllegalArgumentException("status '" + value + "' is not one of " + STATUSES);
	}

	private static String one(Map<String, String[]> parameters, String name) {
		String[] values = parameters.get(name);
		if (values == null || values.length == 0 || values[0].isBlank()) {
			return null;
		}
		if (values.length > 1) {
			throw new IllegalArgumentException(name + " is given " + values.length + " times; give it once");
		}
		return values[0];
	}

}
