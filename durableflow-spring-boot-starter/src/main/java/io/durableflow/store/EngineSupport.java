package io.durableflow.store;

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
import java.util.function.Supplier;

import io.durableflow.json.WorkflowJson;
import io.durableflow.change.ChangeRecorder;
import io.durableflow.store.commit.FencedWriter;
import io.durableflow.store.commit.GroupCommit;
import io.durableflow.notify.WakeChannel;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/** What the engine's parts share: stores, JSON, the clock, the lease length, transactions and wake-ups. */
public final class EngineSupport implements AutoCloseable {

	private final RunStore store;

	private final FencedWriter writer;

	private final GroupCommit commits;

	private final EventStore events;

	private final WorkflowJson json;

	private final Clock clock;

	private final Duration leaseTtl;

	private final TransactionTemplate transactions;

	private final WakeChannel wake;

	private final ExecutorService timed;

	public EngineSupport(RunStore store, FencedWriter writer, GroupCommit commits, EventStore events,
			WorkflowJson json, Clock clock, Duration leaseTtl, TransactionTemplate transactions, WakeChannel wake) {
		this.store = store;
		this.writer = writer;
		this.commits = commits;
		this.events = events;
		this.json = json;
		this.clock = clock;
		this.leaseTtl = leaseTtl;
		this.transactions = transactions;
		this.wake = wake;
		AtomicInteger count = new AtomicInteger();
		this.timed = Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, "durableflow-timed-step-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	public RunStore store() {
		return this.store;
	}

	public FencedWriter writer() {
		return this.writer;
	}

	/** The engine's writes: grouped into shared commits when they need no caller's transaction. */
	public GroupCommit commits() {
		return this.commits;
	}

	public EventStore events() {
		return this.events;
	}

	public WorkflowJson json() {
		return this.json;
	}

	public Clock clock() {
		return this.clock;
	}

	public Duration leaseTtl() {
		return this.leaseTtl;
	}

	/**
	 * Runs {@code work} in a transaction: the caller's, if one is active (so the work commits or
	 * rolls back with it), else one of our own.
	 */
	public <T> T inTransaction(Supplier<T> work) {
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			return work.get();
		}
		return this.transactions.execute((status) -> work.get());
	}

	/** Tells schedulers, here and on other instances, that work is due, once the caller's transaction commits. */
	public void wakeAfterCommit() {
		if (ChangeRecorder.commitsLater()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					EngineSupport.this.wake.publish();
				}
			});
		}
		else {
			this.wake.publish();
		}
	}

	/**
	 * Runs a step body, on this thread, or with a timeout on another thread that is interrupted
	 * when the time is up (a body that ignores interrupts keeps running in the background).
	 */
	public <T> T invoke(Callable<T> body, Duration timeout) throws Exception {
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
