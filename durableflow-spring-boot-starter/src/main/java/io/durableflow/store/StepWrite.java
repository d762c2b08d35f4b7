package io.durableflow.store;

import java.time.Instant;

/** A step row to insert or update (by run and name) inside a fenced write. */
public record StepWrite(String name, int seq, String kind, String status, int attempts, String resultJson,
		String errorJson, Instant wakeAt, Instant startedAt, Instant completedAt) {
}
