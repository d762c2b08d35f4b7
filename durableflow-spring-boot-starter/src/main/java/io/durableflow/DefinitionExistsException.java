package io.durableflow;

/**
 * A definition was posted under a name that a stored definition or a code workflow
 * already has: one name, one workflow.
 */
public class DefinitionExistsException extends IllegalStateException {

	private final String ref;

	private final String existing;

	/**
	 * @param ref the name
	 * @param existing what has it, as messages name it (such as
	 * {@code bean 'charge' (com.example.Charge)})
	 */
	public DefinitionExistsException(String ref, String existing) {
		super("A workflow named '" + ref + "' exists: " + existing
				+ ". Change a stored definition with PUT (WorkflowDefinitions.update), or give this one another ref");
		this.ref = ref;
		this.existing = existing;
	}

	public String ref() {
		return this.ref;
	}

	/** What has the name. */
	public String existing() {
		return this.existing;
	}

}
