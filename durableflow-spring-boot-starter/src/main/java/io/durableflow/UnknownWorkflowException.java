package io.durableflow;

import java.util.Collection;

/** A start named a workflow that no {@link DurableWorkflow} bean registers. */
public class UnknownWorkflowException extends IllegalArgumentException {

	private final String workflowName;

	public UnknownWorkflowException(String workflowName, Collection<String> known) {
		super("No workflow named '" + workflowName + "' is registered; known workflows: " + known
				+ ". Annotate a Workflow bean with @DurableWorkflow(name = \"" + workflowName + "\").");
		this.workflowName = workflowName;
	}

	public String workflowName() {
		return this.workflowName;
	}

}
