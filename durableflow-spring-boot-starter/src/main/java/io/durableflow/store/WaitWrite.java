package io.durableflow.store;

import java.time.Instant;

/**
 * A wait to create (once) inside a fenced write: the run waits for an event containing
 * {@code matchJson}.
 */
public record WaitWrite(String stepName, String eventName, String matchJson, Instant timeoutAt) {
}
