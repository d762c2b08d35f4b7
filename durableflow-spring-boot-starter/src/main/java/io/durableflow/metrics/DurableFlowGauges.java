package io.durableflow.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.durableflow.live.ChangeRecorder;
import io.durableflow.scheduler.DurableFlowScheduler;
import io.durableflow.scheduler.WakeChannel;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Gauges of the engine's state: unfinished runs by status and workflow (one grouped count over
 * the partial due index, cached for a few seconds so scrapes stay cheap), leases this instance
 * holds, and counters of notifications and changes that could not be delivered.
 */
public class DurableFlowGauges implements MeterBinder {

	static final Duration CACHE = Duration.ofSeconds(5);

	static final List<String> STATUSES = List.of("pending", "running", "sleeping", "waiting");

	private final JdbcTemplate jdbc;

	private final DurableFlowScheduler scheduler;

	private final WakeChannel channel;

	private final ChangeRecorder changes;

	private volatile Map<String, Long> depth = Map.of();

	private volatile long refreshedAt;

	public DurableFlowGauges(JdbcTemplate jdbc, DurableFlowScheduler scheduler, WakeChannel channel,
			ChangeRecorder changes) {
		this.jdbc = jdbc;
		this.scheduler = scheduler;
		this.channel = channel;
		this.changes = changes;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (String status : STATUSES) {
			Gauge.builder("durableflow.runs.active", this, (gauges) -> gauges.depth(status))
				.description("Unfinished runs by status, over all instances")
				.tag("status", status)
				.register(registry);
		}
		if (this.scheduler != null) {
			Gauge.builder("durableflow.leases.active", this.scheduler, DurableFlowScheduler::activeExecutions)
				.description("Runs this instance is executing under a lease")
				.register(registry);
		}
		FunctionCounter.builder("durableflow.notify.failures", this.channel, WakeChannel::sendFailures)
			.description("Cross-instance notifications (wake-ups, live changes) that could not be sent")
			.register(registry);
		FunctionCounter.builder("durableflow.changes.dropped", this.changes, ChangeRecorder::droppedBatches)
			.description("Change batches dropped because listeners fell too far behind")
			.register(registry);
		FunctionCounter.builder("durableflow.changes.listener.failures", this.changes,
				ChangeRecorder::listenerFailures)
			.description("Change listeners that threw")
			.register(registry);
	}

	double depth(String status) {
		long now = System.currentTimeMillis();
		if (now - this.refreshedAt > CACHE.toMillis()) {
			Map<String, Long> fresh = new ConcurrentHashMap<>();
			List<Map<String, Object>> rows = new ArrayList<>(this.jdbc.queryForList(
					"SELECT status, count(*) AS n FROM durableflow.workflow_runs WHERE status IN "
							+ "('pending', 'running', 'sleeping', 'waiting') GROUP BY status"));
			rows.forEach((row) -> fresh.put((String) row.get("status"), ((Number) row.get("n")).longValue()));
			this.depth = fresh;
			this.refreshedAt = now;
		}
		return this.depth.getOrDefault(status, 0L);
	}

}
