package io.durableflow.execution;

import io.durableflow.ArtifactRef;
import io.durableflow.GraphStep;
import io.durableflow.StepHandle;
import io.durableflow.WorkflowLog;
import io.durableflow.action.ActionContext;
import io.durableflow.artifact.engine.ArtifactWriter;
import org.jspecify.annotations.Nullable;

/**
 * What an action called as a step knows; {@code scope} is a step graph's, {@code null}
 * for other steps.
 */
record StepActionContext(String runId, String stepName, int attempt, WorkflowLog log, ArtifactCalls artifacts,
		@Nullable ActionScope scope) implements ActionContext {

	@Override
	public ArtifactRef artifact(String name, String contentType, byte[] body) {
		ArtifactWriter.check(name, contentType, body);
		return this.artifacts.inStep(this.stepName, name, contentType, body,
				(this.scope != null) ? this.scope.artifactRunId() : null);
	}

	@Override
	public <T> @Nullable T dependencyResult(String stepId, Class<T> type) {
		return (this.scope != null) ? this.scope.dependencyResult(stepId, type)
				: ActionContext.super.dependencyResult(stepId, type);
	}

	@Override
	public StepHandle emit(String id, String actionName, @Nullable Object input, GraphStep... options) {
		return (this.scope != null) ? this.scope.emit(id, actionName, input, options)
				: ActionContext.super.emit(id, actionName, input, options);
	}

}
