package io.durableflow.execution;

import io.durableflow.store.commit.EngineSupport;

import java.util.List;
import java.util.Map;

import io.durableflow.RunStatus;
import io.durableflow.WorkflowOutcome;
import io.durableflow.json.WorkflowJson;
import io.durableflow.store.commit.EventStore;

/**
 * The internal event a finished run sends ({@value EventStore#WORKFLOW_FINISHED}), which
 * resumes {@code waitForWorkflow} waits on it, and the {@link WorkflowOutcome} read back
 * from it.
 */
public final class FinishedEvents {

	private FinishedEvents() {
	}

	public static void send(EngineSupport support, String runId, RunStatus status, String outputJson,
			String errorJson) {
		// almost always nobody waits: a probe of the (small, partial) pending-waits index
		// settles it
		if (support.events().awaitedRuns(List.of(runId)).isEmpty()) {
			return;
		}
		support.events().deliverFinished(runId, status, outputJson, errorJson, support.clock().instant());
	}

	public static WorkflowOutcome outcome(WorkflowJson json, Map<?, ?> payload) {
		Object output = payload.get("output");
		Object error = payload.get("error");
		return new WorkflowOutcome((String) payload.get("run_id"),
				io.durableflow.RunStatus.fromDb((String) payload.get("status")),
				(output != null) ? json.write(output) : null,
				(error != null) ? json.readError(json.write(error)) : null, json::read);
	}

}
