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
	CHILD,
	/**
	 * A loop with a durable position ({@code flow.iterate}); its result is the position.
	 */
	CURSOR,
	/**
	 * Allowed by the schema since V1 ({@code workflow_steps_kind_check}) and written by
	 * no version of the engine; known here so that such a row never stops a replay.
	 */
	WAIT_WORKFLOW;

	public String dbValue() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static StepKind fromDb(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

}
