package io.durableflow.dispatch;

import java.time.Clock;
import java.time.Duration;

import io.durableflow.store.commit.FinishedRunNotifier;
import io.durableflow.support.PeriodicTask;
import io.durableflow.support.LifecyclePhases;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

/**
 * The engine's periodic repairs, on one thread, at start-up and then every interval, on
 * every instance whether or not it runs workers: today the sweep for finished runs whose
 * waiters were not resumed (a crash between a run's finishing commit and its waiters'
 * resumption, docs/ENGINE.md, invariant 8). Times come from the engine's clock.
 */
public class Housekeeping implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(Housekeeping.class);

	private final FinishedRunNotifier finished;

	private final Clock clock;

	private final PeriodicTask sweeps;

	public Housekeeping(FinishedRunNotifier finished, Clock clock, Duration interval) {
		this.finished = finished;
		this.clock = clock;
		this.sweeps = new PeriodicTask("housekeeping", Duration.ZERO, interval, this::sweep);
	}

	@Override
	public void start() {
		this.sweeps.start();
	}

	@Override
	public void stop() {
		this.sweeps.stop(Duration.ofSeconds(10));
	}

	@Override
	public boolean isRunning() {
		return this.sweeps.isRunning();
	}

	@Override
	public int getPhase() {
		return LifecyclePhases.HOUSEKEEPING;
	}

	private void sweep() {
		try {
			int found = this.finished.sweep(this.clock.instant());
			if (found > 0) {
				logger.info("DurableFlow resumed the waiters of " + found + " finished run(s) left unresumed");
			}
		}
		catch (RuntimeException ex) {
			logger.warn("DurableFlow could not look for finished runs with waiters left waiting: " + ex.getMessage());
		}
	}

}
