package io.durableflow.support;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A task run on a thread of its own every period, from {@link #start()} until
 * {@link #stop(Duration)}: the thread is made at start (again after a restart) and ended
 * at stop, so the lifecycle bean that holds the task owns it.
 */
public final class PeriodicTask {

	private final String role;

	private final Duration initialDelay;

	private final Duration period;

	private final Runnable task;

	private ScheduledExecutorService executor;

	/**
	 * @param role the thread's name ({@code durableflow-<role>-1})
	 * @param initialDelay how long after start the task first runs
	 * @param period how long after one run ends the next begins
	 */
	public PeriodicTask(String role, Duration initialDelay, Duration period, Runnable task) {
		this.role = role;
		this.initialDelay = initialDelay;
		this.period = period;
		this.task = task;
	}

	public synchronized void start() {
		if (this.executor == null) {
			this.executor = Executors.newSingleThreadScheduledExecutor(DurableFlowThreads.daemon(this.role));
			this.executor.scheduleWithFixedDelay(this.task, this.initialDelay.toMillis(), this.period.toMillis(),
					TimeUnit.MILLISECONDS);
		}
	}

	/**
	 * Interrupts a run under way and ends the thread, waiting at most {@code wait} for
	 * it.
	 * @return whether the task was running
	 */
	public synchronized boolean stop(Duration wait) {
		if (this.executor == null) {
			return false;
		}
		this.executor.shutdownNow();
		try {
			if (!wait.isZero()) {
				this.executor.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.executor = null;
		return true;
	}

	public synchronized boolean isRunning() {
		return this.executor != null;
	}

}
