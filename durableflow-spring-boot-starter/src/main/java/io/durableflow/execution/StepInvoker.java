package io.durableflow.execution;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.durableflow.support.DurableFlowThreads;
import io.durableflow.support.LifecyclePhases;

import org.springframework.context.SmartLifecycle;

/**
 * Runs step bodies: on the worker's own thread, or, for a step with a timeout, on a
 * thread of its own that is interrupted when the time is up (a body that ignores
 * interrupts keeps running in the background, and its result is not recorded). The
 * threads for timed steps are made when a timed step first runs and ended when the engine
 * stops, after the scheduler.
 */
public class StepInvoker implements SmartLifecycle {

	private ExecutorService timed;

	private volatile boolean running;

	<T> T invoke(Callable<T> body, Duration timeout) throws Exception {
		if (timeout == null) {
			return body.call();
		}
		Future<T> future = timed().submit(body);
		try {
			return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			future.cancel(true);
			throw new TimeoutException("Step attempt timed out after " + timeout);
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof Exception exception) {
				throw exception;
			}
			throw (Error) cause;
		}
	}

	/** The threads of timed steps, made when first needed (again after a restart). */
	private synchronized ExecutorService timed() {
		if (this.timed == null) {
			this.timed = Executors.newCachedThreadPool(DurableFlowThreads.daemon("timed-step"));
		}
		return this.timed;
	}

	@Override
	public void start() {
		this.running = true;
	}

	/** Interrupts timed step bodies still running; the scheduler has stopped by now. */
	@Override
	public synchronized void stop() {
		this.running = false;
		if (this.timed != null) {
			this.timed.shutdownNow();
			this.timed = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return LifecyclePhases.HOUSEKEEPING;
	}

}
