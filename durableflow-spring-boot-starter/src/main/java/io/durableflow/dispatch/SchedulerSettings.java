package io.durableflow.dispatch;

import java.time.Duration;

/**
 * The scheduler's knobs, from {@code durableflow.worker.*} and
 * {@code durableflow.lease.*}.
 */
public record SchedulerSettings(String owner, int concurrency, Duration pollInterval, Duration leaseTtl,
		Duration shutdownTimeout) {

	public SchedulerSettings {
		if (concurrency < 1) {
			throw new IllegalArgumentException("durableflow.worker.concurrency must be at least 1, was " + concurrency);
		}
		if (leaseTtl.toMillis() < 300) {
			throw new IllegalArgumentException("durableflow.lease.ttl must be at least 300ms, was " + leaseTtl);
		}
		if (pollInterval.isNegative() || pollInterval.isZero()) {
			throw new IllegalArgumentException(
					"durableflow.worker.poll-interval must be positive, was " + pollInterval);
		}
	}

}
