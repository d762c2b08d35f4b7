package io.durableflow.engine;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.durableflow.json.WorkflowJson;
import io.durableflow.persistence.RunStore;

/** What every execution shares: the store, JSON, the clock, the lease length and step timeouts. */
public final class EngineSupport implements AutoCloseable {

	private final RunStore store;

	private final WorkflowJson json;

	private final Clock clock;

	private final Duration leaseTtl;

	private final ExecutorService timed;

	public EngineSupport(RunStore store, WorkflowJson json, Clock clock, Duration leaseTtl) {
		this.store = store;
		this.json = json;
		this.clock = clock;
		this.leaseTtl = leaseTtl;
		AtomicInteger count = new AtomicInteger();
		this.timed = Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, "durableflow-timed-step-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	RunStore store() {
		return this.store;
	}

	WorkflowJson json() {
		return this.json;
	}

	Clock clock() {
		return this.clock;
	}

	Duration leaseTtl() {
		return this.leaseTtl;
	}

	/**
	 * Runs a step body, on this thread, or with a timeout on another thread that is interrupted
	 * when the time is up (a body that ignores interrupts keeps running in the background).
	 */
	<T> T invoke(Callable<T> body, Duration timeout) throws Exception {
		if (timeout == null) {
			return body.call();
		}
		Future<T> future = this.timed.submit(body);
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

	@Override
	public void close() {
		this.timed.shutdownNow();
	}

}
