package io.durableflow.engine;

import java.util.LinkedHashMap;
import java.util.Map;

import io.durableflow.RunStatus;
import io.durableflow.WorkflowOutcome;
import io.durableflow.json.WorkflowJson;
import io.durableflow.persistence.EventStore;

/**
 * The internal event a finished run sends ({@value EventStore#WORKFLOW_FINISHED}), which resumes
 * {@code waitForWorkflow} waits on it, and the {@link WorkflowOutcome} read back from it.
 */
final class FinishedEvents {

	private FinishedEvents() {
	}

	static void send(EngineSupport support, String runId, RunStatus status, String outputJson, String errorJson) {
		// almost always nobody waits: a probe of the (small, partial) pending-waits index settles it
		String key = support.json().write(Map.of("run_id", runId, "status", status.dbValue()));
		if (!support.events().hasPendingWaits(EventStore.WORKFLOW_FINISHED, key)) {
			return;
		}
		support.events()
			.deliver(EventStore.WORKFLOW_FINISHED, payload(support.json(), runId, status, outputJson, errorJson), false,
					support.clock().instant());
	}

	static String payload(WorkflowJson json, String runId, RunStatus status, String outputJson, String errorJson) {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("run_id", runId);
		payload.put("status", status.dbValue());
		payload.put("output", (outputJson != null) ? json.read(outputJson, Object.class) : null);
		payload.put("error", (errorJson != null) ? json.read(errorJson, Object.class) : null);
		return json.write(payload);
	}

	static WorkflowOutcome outcome(WorkflowJson json, Map<?, ?> payload) {
		Object output = payload.get("output");
		Object error = payload.get("error");
		return new WorkflowOutcome((String) payload.get("run_id"), io.durableflow.RunStatus.fromDb((String) payload.get("status")),
				(output != null) ? json.write(output) : null,
				(error != null) ? Errors.fromJson(json, json.write(error)) : null, json::read);
	}

}
