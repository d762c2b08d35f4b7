package io.durableflow;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A declared queue: its limits (each {@code null} when not set) and what is in it now.
 * {@code running} counts the queue's runs in status running (each holds a slot, also
 * while its lease is being taken over); {@code queued} counts its runs that are due but
 * not running (waiting for a slot, for the rate limit, or for a worker);
 * {@code oldestQueuedAt} is when the longest-waiting of them became due. The count of
 * queued runs stops at 10,000 (it is read from an index, a second old at most):
 * {@code moreQueued} says when there are more.
 *
 * @param name the queue's name ({@code default} always exists)
 * @param description what it is for, from {@code durableflow.queues.<name>.description}
 * @param concurrency most runs running at once, all instances together
 * @param workerConcurrency most running at once on one instance
 * @param concurrencyPerKey most running at once per concurrency key
 * @param rateLimit most claims per period, all instances together
 * @param running runs holding a slot now
 * @param queued runs due and waiting, at most 10,000
 * @param moreQueued whether more runs are due and waiting than {@code queued} says
 * @param oldestQueuedAt when the longest-waiting due run became due
 */
public record QueueView(String name, @Nullable String description, @Nullable Integer concurrency,
		@Nullable Integer workerConcurrency, @Nullable Integer concurrencyPerKey, @Nullable RateLimit rateLimit,
		long running, long queued, boolean moreQueued, @Nullable Instant oldestQueuedAt) {

	/** At most {@code limit} claims (a start or a resume) per sliding {@code period}. */
	public record RateLimit(int limit, Duration period) {
	}

}
