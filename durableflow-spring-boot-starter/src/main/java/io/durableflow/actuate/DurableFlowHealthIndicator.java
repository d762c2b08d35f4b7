package io.durableflow.actuate;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * DOWN when this instance should execute runs but its scheduler is not running, or when a
 * run has been due for longer than the allowed lag (nobody is claiming work).
 */
public class DurableFlowHealthIndicator extends AbstractHealthIndicator {

	private final EngineState state;

	private final Duration maxLag;

	public DurableFlowHealthIndicator(EngineState state, Duration maxLag) {
		super("DurableFlow health check failed");
		this.state = state;
		this.maxLag = maxLag;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Map<String, Object> oldest = this.state.oldestDue();
		long overdue = (oldest != null) ? ((Number) oldest.get("overdueSeconds")).longValue() : 0;
		boolean down = this.state.schedulerExpectedButStopped() || overdue > this.maxLag.toSeconds();
		(down ? builder.down() : builder.up()).withDetail("workers", this.state.workers())
			.withDetail("maxLag", this.maxLag.toString())
			.withDetail("oldestDue", (oldest != null) ? oldest : "none");
	}

}
