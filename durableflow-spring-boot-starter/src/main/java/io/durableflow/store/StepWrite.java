package io.durableflow.store;

import java.time.Instant;

import io.durableflow.StepStatus;
import org.jspecify.annotations.Nullable;

/**
 * A step row to insert or update (by run and name) inside a fenced write.
 * {@code inputJson} is the input the step ran with, where the engine knows one (an
 * action's, a child run's); {@code null} keeps what the row has.
 */
public record StepWrite(String name, int seq, StepKind kind, StepStatus status, int attempts, String resultJson,
		String errorJson, Instant wakeAt, Instant startedAt, Instant completedAt, @Nullable String inputJson) {

	/** A step row without an input. */
	public StepWrite(String name, int seq, StepKind kind, StepStatus status, int attempts, String resultJson,
			String errorJson, Instant wakeAt, Instant startedAt, Instant completedAt) {
		this(name, seq, kind, status, attempts, resultJson, errorJson, wakeAt, startedAt, completedAt, null);
	}

}
