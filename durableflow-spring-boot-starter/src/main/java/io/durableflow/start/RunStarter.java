package io.durableflow.start;

import io.durableflow.definition.WorkflowDefinition;
import io.durableflow.definition.WorkflowRegistry;
import io.durableflow.store.commit.EngineSupport;

import java.time.Instant;
import java.util.UUID;

import io.durableflow.RunHandle;
import io.durableflow.StartOptions;
import io.durableflow.store.NewRun;

/** Inserts new runs: top-level ones for the API, children for {@code startChild}. */
public class RunStarter {

	private final WorkflowRegistry registry;

	private final EngineSupport support;

	public RunStarter(WorkflowRegistry registry, EngineSupport support) {
		this.registry = registry;
		this.support = support;
	}

	public WorkflowRegistry registry() {
		return this.registry;
	}

	/**
	 * Starts a run, or returns the existing run with the requested id. Joins the caller's
	 * transaction; schedulers hear of it once that commits.
	 */
	public RunHandle start(WorkflowDefinition definition, Object input, StartOptions options, String parentRunId) {
		String inputJson = this.support.json().write(input);
		try {
			// read back, so that a start that does not fit fails here, not in a worker
			this.support.json().read(inputJson, definition.inputType());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("Input for workflow '" + definition.name() + "' does not fit its input "
					+ "type " + definition.inputType() + ": " + ex.getMessage(), ex);
		}
		String runId = (options.runId() != null) ? options.runId() : UUID.randomUUID().toString();
		Instant now = this.support.clock().instant();
		NewRun run = new NewRun(runId, definition.name(), options.hostingMode().dbValue(),
				options.lifecycleStage().dbValue(), options.userId(), options.tutorialSlug(), options.queue(),
				inputJson, parentRunId, now.plus(options.delay()));
		if (!this.support.commits().insert(run, now)) {
			String existing = this.support.store().workflowNameOf(runId).orElse(definition.name());
			if (!existing.equals(definition.name())) {
				throw new IllegalStateException("Run id '" + runId + "' already belongs to a run of workflow '"
						+ existing + "', not '" + definition.name() + "'");
			}
			return new RunHandle(runId);
		}
		this.support.wakeAfterCommit();
		return new RunHandle(runId);
	}

}
