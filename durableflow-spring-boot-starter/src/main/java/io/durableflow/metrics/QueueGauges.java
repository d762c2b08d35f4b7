package io.durableflow.metrics;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.durableflow.queue.QueueSettings;
import io.durableflow.store.QueueStats;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Gauges of each declared queue, tagged {@code queue}, over all instances (from
 * {@link QueueStats}, at most a second old): {@code durableflow.queue.depth} (runs due
 * and waiting), {@code durableflow.queue.running} (runs holding a slot) and
 * {@code durableflow.queue.wait} (how long the longest-waiting due run has waited).
 */
public class QueueGauges implements MeterBinder {

	private final QueueStats stats;

	private final Clock clock;

	public QueueGauges(QueueStats stats, Clock clock) {
		this.stats = stats;
		this.clock = clock;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (QueueSettings queue : this.stats.queues().all()) {
			String name = queue.name();
			Gauge.builder("durableflow.queue.depth", this, (gauges) -> gauges.stats(name).queued())
				.description("Runs of the queue that are due and wait for a slot, all instances (counted up to "
						+ QueueStats.QUEUED_COUNT_LIMIT + ")")
				.tag("queue", name)
				.register(registry);
			Gauge.builder("durableflow.queue.running", this, (gauges) -> gauges.stats(name).running())
				.description("Runs of the queue holding a slot (status running), all instances")
				.tag("queue", name)
				.register(registry);
			TimeGauge.builder("durableflow.queue.wait", this, TimeUnit.MILLISECONDS, (gauges) -> gauges.waited(name))
				.description("How long the queue's longest-waiting due run has waited")
				.tag("queue", name)
				.register(registry);
		}
	}

	private QueueStats.Stats stats(String queue) {
		QueueStats.Stats stats = this.stats.byQueue().get(queue);
		return (stats != null) ? stats : new QueueStats.Stats(queue, 0, 0, false, null);
	}

	private double waited(String queue) {
		QueueStats.Stats stats = stats(queue);
		if (stats.oldestQueuedAt() == null) {
			return 0;
		}
		return Math.max(0, Duration.between(stats.oldestQueuedAt(), this.clock.instant()).toMillis());
	}

}
