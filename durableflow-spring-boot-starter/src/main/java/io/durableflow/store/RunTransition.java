package io.durableflow.store;

import java.time.Instant;

import io.durableflow.RunStatus;

/**
 * What a fenced write does to the run row besides recording steps. Each transition is
 * described once, in SQL, by {@code io.durableflow.store.commit.RunRows.TRANSITION}: the
 * columns it reads are the values below, whichever statement writes it.
 */
public sealed interface RunTransition {

	/**
	 * The transition's name in SQL ({@code op} column of the statements that write it).
	 */
	Op op();

	/**
	 * The status a parked run takes, unless an event arrived meanwhile; {@code null} for
	 * other transitions.
	 */
	default RunStatus parkStatus() {
		return null;
	}

	/**
	 * When a parked run is next due; {@code null} for other transitions (and for a park
	 * until woken).
	 */
	default Instant dueAt() {
		return null;
	}

	default String outputJson() {
		return null;
	}

	default String errorJson() {
		return null;
	}

	/**
	 * Whether the write ends this execution: the worker has nothing left of this run to
	 * do.
	 */
	default boolean endsExecution() {
		return op() != Op.TOUCH && op() != Op.EXTEND;
	}

	/**
	 * The status the run ends in, for its waiters; {@code null} unless it completes or
	 * fails.
	 */
	default RunStatus finalStatus() {
		return null;
	}

	/** The transitions, as the statements name them. */
	enum Op {

		TOUCH, EXTEND, PARK, COMPLETE, FAIL, RELEASE;

		public String sql() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

	/** Still running: the run row stays as it is (the heartbeat extends the lease). */
	record Touch() implements RunTransition {

		@Override
		public Op op() {
			return Op.TOUCH;
		}

	}

	/**
	 * Still running, and the lease is extended to {@code leaseExpiresAt} with this write
	 * (as a heartbeat would): a cursor's advance, so that a loop whose items outlast the
	 * heartbeat's period keeps its lease with each recorded position. The run is due at
	 * that time too, as a heartbeat makes it, for a takeover if the worker dies.
	 */
	record Extend(Instant leaseExpiresAt) implements RunTransition {

		@Override
		public Op op() {
			return Op.EXTEND;
		}

		@Override
		public Instant dueAt() {
			return this.leaseExpiresAt;
		}

	}

	/**
	 * Parked until {@code dueAt} ({@code null}: until something wakes it), as
	 * {@code status} (sleeping, waiting, or pending to be retried).
	 */
	record Park(RunStatus status, Instant dueAt) implements RunTransition {

		@Override
		public Op op() {
			return Op.PARK;
		}

		@Override
		public RunStatus parkStatus() {
			return this.status;
		}

	}

	record Complete(String outputJson) implements RunTransition {

		@Override
		public Op op() {
			return Op.COMPLETE;
		}

		@Override
		public RunStatus finalStatus() {
			return RunStatus.COMPLETED;
		}

	}

	record Fail(String errorJson) implements RunTransition {

		@Override
		public Op op() {
			return Op.FAIL;
		}

		@Override
		public RunStatus finalStatus() {
			return RunStatus.FAILED;
		}

	}

	/** Given up by this instance (shutdown): due again at once for any instance. */
	record Release() implements RunTransition {

		@Override
		public Op op() {
			return Op.RELEASE;
		}

	}

}
