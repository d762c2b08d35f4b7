package io.durableflow;

/** No stored definition has that ref. */
public class UnknownDefinitionException extends UnknownWorkflowException {

	public UnknownDefinitionException(String ref) {
		super(ref, "No workflow definition with ref '" + ref + "' is registered");
	}

}
