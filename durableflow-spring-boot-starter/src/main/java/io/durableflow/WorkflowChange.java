package io.durableflow;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A committed change to a run or one of its records, published after commit: as a Spring
 * application event, and over STOMP to {@code /topic/durableflow/runs} (run-level
 * changes) and {@code /topic/durableflow/runs/{runId}} (everything of one run).
 *
 * @param type {@code workflow_run.created|updated},
 * {@code workflow_step.created|updated}, {@code workflow_wait.created|updated},
 * {@code workflow_event.created}, {@code workflow_log.created}
 * @param runId the run concerned ({@code null} for an event that matched no run)
 * @param workflowName the run's workflow ({@code null} when there is no run)
 * @param recordType {@code workflow_run}, {@code workflow_step}, {@code workflow_wait},
 * {@code workflow_event} or {@code workflow_log}
 * @param recordId the record's id: the run id for a run, {@code runId/stepName} for a
 * step and for its wait, the row id for an event or a log
 * @param snapshot a small map of the record's state: ids, status, names, attempts, error
 * code; never a result blob
 * @param at when the change was committed (by the engine's clock)
 */
public record WorkflowChange(String type, @Nullable String runId, @Nullable String workflowName, String recordType,
		String recordId, Map<String, Object> snapshot, @Nullable Instant at) {

	public static final String RUN = "workflow_run";

	public static final String STEP = "workflow_step";

	public static final String WAIT = "workflow_wait";

	public static final String EVENT = "workflow_event";

	public static final String LOG = "workflow_log";

	public static WorkflowChange of(String recordType, boolean created, @Nullable String runId,
			@Nullable String workflowName, Object recordId, Map<String, ? extends @Nullable Object> snapshot,
			@Nullable Instant at) {
		return new WorkflowChange(recordType + (created ? ".created" : ".updated"), runId, workflowName, recordType,
				String.valueOf(recordId), Map.copyOf(withoutNulls(snapshot)), at);
	}

	/**
	 * Whether this is a change of a run itself (what {@code /topic/durableflow/runs}
	 * carries).
	 */
	public boolean isRunLevel() {
		return RUN.equals(this.recordType);
	}

	/** The change as a JSON-ready map: what STOMP subscribers receive. */
	public Map<String, @Nullable Object> payload() {
		Map<String, @Nullable Object> payload = new LinkedHashMap<>();
		payload.put("type", this.type);
		payload.put("runId", this.runId);
		payload.put("workflowName", this.workflowName);
		payload.put("recordType", this.recordType);
		payload.put("recordId", this.recordId);
		payload.put("snapshot", this.snapshot);
		payload.put("at", (this.at != null) ? this.at.toString() : null);
		return payload;
	}

	private static Map<String, Object> withoutNulls(Map<String, ? extends @Nullable Object> snapshot) {
		Map<String, Object> copy = new LinkedHashMap<>();
		snapshot.forEach((key, value) -> {
			if (value != null) {
				copy.put(key, value);
			}
		});
		return copy;
	}

}
