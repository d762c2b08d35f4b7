package io.durableflow;

import java.util.Locale;

/** The status of a run; {@code name().toLowerCase()} is the stored value. */
public enum RunStatus {

	PENDING, RUNNING, SLEEPING, WAITING, COMPLETED, FAILED, CANCELLED;

	public boolean isTerminal() {
		return this == COMPLETED || this == FAILED || this == CANCELLED;
	}

	/** The value stored in {@code workflow_runs.status}. */
	public String dbValue() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static RunStatus fromDb(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

}
