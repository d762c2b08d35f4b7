package io.durableflow.action;

import java.util.Collection;

/** No action of that name is registered. */
public class UnknownActionException extends IllegalArgumentException {

	private final String actionName;

	public UnknownActionException(String actionName, Collection<String> known) {
		super("No action named '" + actionName + "'; registered actions: " + String.join(", ", known));
		this.actionName = actionName;
	}

	public String actionName() {
		return this.actionName;
	}

}
