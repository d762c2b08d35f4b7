package io.durableflow;

import java.util.Collection;

/** A start named a workflow that is not registered. */
public class UnknownWorkflowException extends IllegalArgumentException {

	private final String workflowName;

	public UnknownWorkflowException(String workflowName, Collection<String> known) {
		super("No workflow named '" + workflowName + "' is registered; known workflows: " + known
				+ ". Annotate a Workflow bean with @DurableWorkflow(name = \"" + workflowName + "\").");
		this.workflowName = workflowName;
	}

	/** For the more particular kinds of unknown workflow, with a message of their own. */
	protected UnknownWorkflowException(String workflowName, String message) {
		super(message);
		this.workflowName = workflowName;
	}

	public String workflowName() {
		return this.workflowName;
	}

}
