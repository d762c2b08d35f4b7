package io.durableflow.store;

import java.time.Instant;

import io.durableflow.StepStatus;

/** A step row to insert or update (by run and name) inside a fenced write. */
public record StepWrite(String name, int seq, StepKind kind, StepStatus status, int attempts, String resultJson,
		String errorJson, Instant wakeAt, Instant startedAt, Instant completedAt) {
}
