package io.durableflow.store;

import java.time.Instant;

/** What a fenced write does to the run row besides recording steps. */
public sealed interface RunTransition {

	/** Still running: the run row stays as it is (the heartbeat extends the lease). */
	record Touch() implements RunTransition {
	}

	/** Parked (sleeping or waiting) until {@code dueAt} ({@code null}: until something wakes it). */
	record Park(String status, Instant dueAt) implements RunTransition {
	}

	record Complete(String outputJson) implements RunTransition {
	}

	record Fail(String errorJson) implements RunTransition {
	}

	/** Given up by this instance (shutdown): due again at once for any instance. */
	record Release() implements RunTransition {
	}

}
