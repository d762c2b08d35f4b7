package io.durableflow.store;

import java.time.Instant;

/** A step row as recorded: what a replay reads back. */
public record StepRecord(String name, int seq, String kind, String status, int attempts, String resultJson,
		String errorJson, Instant wakeAt, Instant startedAt) {
}
