package io.durableflow.metrics;

import java.util.List;

import io.durableflow.change.ChangeRecorder;
import io.durableflow.store.RunCounts;
import io.durableflow.dispatch.DurableFlowScheduler;
import io.durableflow.notify.WakeChannel;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Gauges of the engine's state: unfinished runs by status (from {@link RunCounts}, cached
 * so scrapes stay cheap), leases this instance holds, and counters of notifications and
 * changes that could not be delivered.
 */
public class DurableFlowGauges implements MeterBinder {

	static final List<String> STATUSES = List.of("pending", "running", "sleeping", "waiting");

	private final RunCounts counts;

	private final DurableFlowScheduler scheduler;

	private final WakeChannel channel;

	private final ChangeRecorder changes;

	public DurableFlowGauges(RunCounts counts, DurableFlowScheduler scheduler, WakeChannel channel,
			ChangeRecorder changes) {
		this.counts = counts;
		this.scheduler = scheduler;
		this.channel = channel;
		this.changes = changes;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (String status : STATUSES) {
			Gauge.builder("durableflow.runs.active", this.counts, (counts) -> counts.byStatus().get(status))
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
		FunctionCounter.builder("durableflow.changes.listener.failures", this.changes, ChangeRecorder::listenerFailures)
			.description("Change listeners that threw")
			.register(registry);
	}

}
