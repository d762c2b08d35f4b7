package io.durableflow.metrics;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import io.durableflow.WorkflowChange;
import io.durableflow.ChangeListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * Engine meters, read off the committed change stream of this instance: runs started and
 * finished, run and step durations, attempts and retries, wait-to-resume latency, claim
 * lag and lease takeovers. Tagged by workflow (and status, error code or hosting mode
 * where useful), never by run or user id.
 */
public class DurableFlowMetrics implements ChangeListener {

	static final String NONE = "none";

	private final MeterRegistry registry;

	public DurableFlowMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void onChanges(List<WorkflowChange> changes) {
		for (WorkflowChange change : changes) {
			String workflow = (change.workflowName() != null) ? change.workflowName() : NONE;
			Map<String, Object> snapshot = change.snapshot();
			switch (change.recordType()) {
				case WorkflowChange.RUN -> onRun(change, workflow, snapshot);
				case WorkflowChange.STEP -> onStep(workflow, snapshot);
				case WorkflowChange.WAIT -> onWait(workflow, snapshot);
				default -> {
				}
			}
		}
	}

	private void onRun(WorkflowChange change, String workflow, Map<String, Object> snapshot) {
		String status = String.valueOf(snapshot.get("status"));
		if (change.type().endsWith(".created")) {
			Counter.builder("durableflow.runs.started")
				.description("Runs started")
				.tags("workflow", workflow, "hosting_mode", String.valueOf(snapshot.getOrDefault("hostingMode", NONE)))
				.register(this.registry)
				.increment();
			return;
		}
		if ("running".equals(status)) {
			Object lag = snapshot.get("lagMillis");
			if (lag instanceof Number millis) {
				Timer.builder("durableflow.claim.lag")
					.description("Time from a run becoming due to a worker claiming it")
					.tag("workflow", workflow)
					.register(this.registry)
					.record(Duration.ofMillis(millis.longValue()));
			}
			if (Boolean.TRUE.equals(snapshot.get("tookOver"))) {
				Counter.builder("durableflow.lease.takeovers")
					.description("Runs taken over after their owner's lease expired")
					.tag("workflow", workflow)
					.register(this.registry)
					.increment();
			}
			return;
		}
		if ("completed".equals(status) || "failed".equals(status) || "cancelled".equals(status)) {
			Tags tags = Tags.of("workflow", workflow, "status", status, "error_code",
					String.valueOf(snapshot.getOrDefault("errorCode", NONE)));
			Counter.builder("durableflow.runs.finished")
				.description("Runs finished")
				.tags(tags)
				.register(this.registry)
				.increment();
			Instant created = instant(snapshot.get("createdAt"));
			if (created != null && change.at() != null) {
				Timer.builder("durableflow.run.duration")
					.description("Time from a run's start to its end")
					.tags("workflow", workflow, "status", status)
					.register(this.registry)
					.record(Duration.between(created, change.at()));
			}
		}
	}

	private void onStep(String workflow, Map<String, Object> snapshot) {
		String status = String.valueOf(snapshot.get("status"));
		if ("retrying".equals(status)) {
			Counter.builder("durableflow.step.retries")
				.description("Step attempts that failed and will be retried")
				.tags("workflow", workflow, "error_code", String.valueOf(snapshot.getOrDefault("errorCode", NONE)))
				.register(this.registry)
				.increment();
			return;
		}
		if (!"step".equals(snapshot.get("kind")) || !("completed".equals(status) || "failed".equals(status))) {
			return;
		}
		if (snapshot.get("attempts") instanceof Number attempts) {
			DistributionSummary.builder("durableflow.step.attempts")
				.description("Attempts a step took")
				.tags("workflow", workflow, "status", status)
				.register(this.registry)
				.record(attempts.doubleValue());
		}
		Instant started = instant(snapshot.get("startedAt"));
		Instant completed = instant(snapshot.get("completedAt"));
		if (started != null && completed != null) {
			Timer.builder("durableflow.step.duration")
				.description("Time from a step's first attempt to its end")
				.tags("workflow", workflow, "status", status)
				.register(this.registry)
				.record(Duration.between(started, completed));
		}
	}

	private void onWait(String workflow, Map<String, Object> snapshot) {
		if (!"matched".equals(snapshot.get("status"))) {
			return;
		}
		Instant created = instant(snapshot.get("createdAt"));
		Instant resolved = instant(snapshot.get("resolvedAt"));
		if (created != null && resolved != null) {
			Timer.builder("durableflow.wait.resume.latency")
				.description("Time a run waited for a matching event")
				.tag("workflow", workflow)
				.register(this.registry)
				.record(Duration.between(created, resolved));
		}
	}

	private static Instant instant(Object value) {
		if (value == null) {
			return null;
		}
		try {
			return OffsetDateTime.parse(value.toString()).toInstant();
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

}
