package io.durableflow.definition.stored;

import java.util.Map;

import io.durableflow.Workflow;

/**
 * Runs registered (YAML or JSON) definitions: what a run of a stored definition executes,
 * as the {@link io.durableflow.definition.WorkflowRegistry} offers it under the
 * definition's ref. A run reads the revision it pinned at start, not necessarily the
 * current one.
 */
@FunctionalInterface
public interface DefinitionExecutor {

	/** The workflow that runs the runs of {@code definition}'s ref. */
	Workflow<Object, Object> workflow(StoredDefinition definition);

	/**
	 * Each task's status in a run of {@code definition} (the revision the run pinned),
	 * told from what the run recorded: task name to {@code pending}, {@code running},
	 * {@code waiting}, {@code succeeded}, {@code failed}, {@code timed_out},
	 * {@code skipped} or {@code cancelled}. Empty when this executor cannot tell, which
	 * is what an executor that does not say otherwise answers.
	 */
	default Map<String, String> taskStatuses(StoredDefinition definition, String runId) {
		return Map.of();
	}

}
