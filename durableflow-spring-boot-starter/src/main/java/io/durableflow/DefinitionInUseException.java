package io.durableflow;

/** A definition cannot be deleted while runs of it are unfinished. */
public class DefinitionInUseException extends IllegalStateException {

	private final String ref;

	private final long unfinishedRuns;

	public DefinitionInUseException(String ref, long unfinishedRuns) {
		super("Definition '" + ref + "' has " + unfinishedRuns + " unfinished run" + ((unfinishedRuns == 1) ? "" : "s")
				+ "; cancel them or let them finish first");
		this.ref = ref;
		this.unfinishedRuns = unfinishedRuns;
	}

	public String ref() {
		return this.ref;
	}

	public long unfinishedRuns() {
		return this.unfinishedRuns;
	}

}
