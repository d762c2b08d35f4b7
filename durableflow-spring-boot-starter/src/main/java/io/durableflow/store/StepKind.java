package io.durableflow.store;

import java.util.Locale;

/**
 * What a step entry records; {@code name().toLowerCase()} is the stored value
 * ({@code workflow_steps.kind}).
 */
public enum StepKind {

	/** A body run once and memoized ({@code flow.step}). */
	STEP,
	/** A durable timer ({@code flow.sleep}, {@code flow.sleepUntil}). */
	SLEEP,
	/**
	 * A wait for an event or for another run ({@code flow.waitForEvent},
	 * {@code flow.waitForWorkflow}).
	 */
	WAIT,
	/** A child run started ({@code flow.startChild}); its result is the child's id. */
	CHILD;

	public String dbValue() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static StepKind fromDb(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

}
