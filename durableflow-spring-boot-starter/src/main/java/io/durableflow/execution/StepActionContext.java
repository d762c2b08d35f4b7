package io.durableflow.execution;

import io.durableflow.ArtifactRef;
import io.durableflow.WorkflowLog;
import io.durableflow.action.ActionContext;
import io.durableflow.artifact.engine.ArtifactWriter;

/** What an action called as a step of a code workflow knows. */
record StepActionContext(String runId, String stepName, int attempt, WorkflowLog log,
		ArtifactCalls artifacts) implements ActionContext {

	@Override
	public ArtifactRef artifact(String name, String contentType, byte[] body) {
		ArtifactWriter.check(name, contentType, body);
		return this.artifacts.inStep(this.stepName, name, contentType, body);
	}

}
