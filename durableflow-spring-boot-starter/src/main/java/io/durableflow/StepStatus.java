package io.durableflow;

import java.util.Locale;

/**
 * The status of a step entry; {@code name().toLowerCase()} is the stored value (column
 * {@code workflow_steps.status}) and what {@code StepEntry.status()} shows.
 */
public enum StepStatus {

	PENDING, RUNNING, SLEEPING, WAITING, RETRYING, COMPLETED, FAILED, CANCELLED;

	/** The value stored in {@code workflow_steps.status}. */
	public String dbValue() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static StepStatus fromDb(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

}
