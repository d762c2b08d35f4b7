package io.durableflow.store;

import java.time.Instant;

import io.durableflow.StepStatus;

/** A step row as recorded: what a replay reads back. */
public record StepRecord(String name, int seq, StepKind kind, StepStatus status, int attempts, String resultJson,
		String errorJson, Instant wakeAt, Instant startedAt) {

	public boolean is(StepStatus status) {
		return this.status == status;
	}

}
