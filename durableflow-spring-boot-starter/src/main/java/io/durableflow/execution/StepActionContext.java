package io.durableflow.execution;

import io.durableflow.WorkflowLog;
import io.durableflow.action.ActionContext;

/** What an action called as a step of a code workflow knows. */
record StepActionContext(String runId, String stepName, int attempt, WorkflowLog log) implements ActionContext {
}
