package io.durableflow.store;

import java.time.Instant;

/**
 * A log line to store inside a fenced write. {@code logKey} is set for lines written
 * outside steps, so a replay that writes the same line again stores nothing.
 */
public record LogWrite(String stepName, String level, String message, String dataJson, String logKey,
		Instant createdAt) {
}
