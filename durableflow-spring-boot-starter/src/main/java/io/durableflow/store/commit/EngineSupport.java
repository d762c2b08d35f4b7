package io.durableflow.store.commit;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

import io.durableflow.json.WorkflowJson;
import io.durableflow.change.ChangeRecorder;
import io.durableflow.notify.WakeChannel;
import io.durableflow.store.RunStore;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the engine's parts share: stores, JSON, the clock, the lease length, transactions
 * and wake-ups.
 */
public final class EngineSupport {

	private final RunStore store;

	private final WaitWrites waits;

	private final GroupCommit commits;

	private final EventStore events;

	private final WorkflowJson json;

	private final Clock clock;

	private final Duration leaseTtl;

	private final TransactionTemplate transactions;

	private final WakeChannel wake;

	private final StepTransactions stepTransactions;

	public EngineSupport(RunStore store, WaitWrites waits, GroupCommit commits, EventStore events, WorkflowJson json,
			Clock clock, Duration leaseTtl, TransactionTemplate transactions, WakeChannel wake,
			StepTransactions stepTransactions) {
		this.store = store;
		this.waits = waits;
		this.commits = commits;
		this.events = events;
		this.json = json;
		this.clock = clock;
		this.leaseTtl = leaseTtl;
		this.transactions = transactions;
		this.wake = wake;
		this.stepTransactions = stepTransactions;
	}

	public RunStore store() {
		return this.store;
	}

	/**
	 * The writes of waits outside an execution's fenced write (timeouts, awaited marks).
	 */
	public WaitWrites waits() {
		return this.waits;
	}

	/**
	 * The engine's writes: grouped into shared commits when they need no caller's
	 * transaction.
	 */
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
	 * The transactions of transactional steps: the application's transaction manager over
	 * the engine's DataSource.
	 */
	public StepTransactions stepTransactions() {
		return this.stepTransactions;
	}

	/**
	 * Runs {@code work} in a transaction: the caller's, if one is active (so the work
	 * commits or rolls back with it), else one of our own.
	 */
	public <T> T inTransaction(Supplier<T> work) {
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			return work.get();
		}
		return this.transactions.execute((status) -> work.get());
	}

	/**
	 * Tells schedulers, here and on other instances, that work is due, once the caller's
	 * transaction commits.
	 */
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

}
