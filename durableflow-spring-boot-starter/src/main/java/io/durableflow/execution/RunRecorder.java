package io.durableflow.execution;

import java.util.HashSet;
import java.util.Set;

import io.durableflow.queue.ClaimedRun;
import io.durableflow.queue.NextClaim;
import io.durableflow.store.PendingWrites;
import io.durableflow.store.RunTransition;
import io.durableflow.store.StepRecord;
import io.durableflow.store.StepWrite;
import io.durableflow.store.commit.EngineSupport;

import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What one execution has yet to write, and its fenced writes. A write the database
 * refuses ends the execution ({@link WriteFailedException}), never as the run's failure:
 * what it carried is not recorded, so the run is offered again and replays from what is.
 * Inside a caller's transaction (a transactional step's) the database's exception goes to
 * that transaction instead, which rolls back whole.
 */
final class RunRecorder {

	/** Steps that have a row: recorded before this execution, or written during it. */
	private final Set<String> inDatabase = new HashSet<>();

	private final PendingWrites pending = new PendingWrites();

	private final ClaimedRun run;

	private final LeaseState lease;

	private final NextClaim next;

	private final EngineSupport support;

	RunRecorder(ClaimedRun run, Iterable<StepRecord> recorded, LeaseState lease, NextClaim next,
			EngineSupport support) {
		this.run = run;
		this.lease = lease;
		this.next = next;
		this.support = support;
		recorded.forEach((step) -> this.inDatabase.add(step.name()));
	}

	void record(StepWrite step) {
		synchronized (this.pending) {
			this.pending.step(step, !this.inDatabase.contains(step.name()));
		}
	}

	PendingWrites pending() {
		return this.pending;
	}

	/** Writes what has piled up, fenced by the lease, before anything new runs. */
	void flush() {
		if (!this.pending.isEmpty()) {
			write(new RunTransition.Touch());
		}
	}

	void write(RunTransition transition) {
		synchronized (this.pending) {
			boolean written;
			try {
				written = this.support.commits()
					.write(this.run, transition, this.pending, this.support.clock().instant(), this.next);
			}
			catch (DataAccessException | TransactionException ex) {
				if (TransactionSynchronizationManager.isActualTransactionActive()) {
					throw ex;
				}
				throw new WriteFailedException(this.run.runId(), ex);
			}
			if (!written) {
				this.lease.markLost();
				throw new LeaseLostException(this.run.runId());
			}
			this.pending.steps().forEach((step) -> this.inDatabase.add(step.name()));
			this.pending.clear();
		}
	}

}
