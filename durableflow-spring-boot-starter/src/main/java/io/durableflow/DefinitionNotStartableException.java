package io.durableflow;

/**
 * A stored definition is registered but cannot be started here, for the reason the
 * message gives (such as no executor of definitions in this application).
 */
public class DefinitionNotStartableException extends IllegalStateException {

	private final String ref;

	public DefinitionNotStartableException(String ref, String reason) {
		super("Definition '" + ref + "' cannot be started: " + reason);
		this.ref = ref;
	}

	public String ref() {
		return this.ref;
	}

}
