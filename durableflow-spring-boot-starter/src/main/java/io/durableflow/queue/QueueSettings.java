package io.durableflow.queue;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * One declared queue and its limits ({@code durableflow.queues.<name>.*}); a limit that
 * is {@code null} does not apply. A queue with no limit at all is claimed like the
 * {@code default} queue, on every claim path; one with a limit only by the dispatcher,
 * under the lock of its {@code workflow_queues} row (see {@link ClaimQuery}).
 *
 * @param name the queue's name
 * @param concurrency most runs of the queue running at once, all instances together
 * @param workerConcurrency most of them running on any one instance
 * @param rateLimit most claims (a run's first start and every resume) per
 * {@code ratePeriod}, all instances together
 * @param ratePeriod the sliding window of {@code rateLimit}
 * @param concurrencyPerKey most runs running at once per concurrency key
 * @param description what the queue is for, or {@code null}
 */
public record QueueSettings(String name, @Nullable Integer concurrency, @Nullable Integer workerConcurrency,
		@Nullable Integer rateLimit, @Nullable Duration ratePeriod, @Nullable Integer concurrencyPerKey,
		@Nullable String description) {

	/** The queue every run belongs to unless its start names another. */
	public static final String DEFAULT = "default";

	public QueueSettings {
		if ((rateLimit == null) != (ratePeriod == null)) {
			throw new IllegalArgumentException(
					"Queue '" + name + "': rate-limit.limit and rate-limit.period " + "go together");
		}
	}

	/** A queue without limits. */
	public static QueueSettings unlimited(String name) {
		return new QueueSettings(name, null, null, null, null, null, null);
	}

	/**
	 * Whether any limit applies: then only the dispatcher's locked claim takes its runs.
	 */
	public boolean limited() {
		return this.concurrency != null || this.workerConcurrency != null || this.rateLimit != null
				|| this.concurrencyPerKey != null;
	}

	/** Whether runs of this queue take turns by concurrency key. */
	public boolean perKey() {
		return this.concurrencyPerKey != null;
	}

}
