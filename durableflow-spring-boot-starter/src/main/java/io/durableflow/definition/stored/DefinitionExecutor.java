package io.durableflow.definition.stored;

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

}
