package io.durableflow.execution;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;

import io.durableflow.StepOptions;
import io.durableflow.StepStatus;
import io.durableflow.store.RunTransition;
import io.durableflow.store.StepKind;
import io.durableflow.store.StepRecord;
import io.durableflow.store.StepWrite;

import org.springframework.dao.QueryTimeoutException;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.TransactionTimedOutException;

/**
 * One transactional step ({@code flow.transaction}): the body runs on the worker's thread
 * inside a transaction of the application's transaction manager over the engine's
 * DataSource, and the step's completed row is written at its end by the fenced write, on
 * the same connection, in the same transaction (invariants 1 to 3). Both commit or
 * neither does: a body that throws rolls back with nothing recorded but the failed
 * attempt (written afterwards, outside the transaction, then retried or failed as a
 * step's); a fenced write that finds the lease lost rolls the body's writes back too and
 * {@link LeaseLostException} goes on. A replay returns the recorded result and never runs
 * the body.
 * <p>
 * A step timeout is the transaction's timeout (whole seconds): every statement is given
 * what is left of it, and a statement after it, the fenced write included, fails the
 * attempt (as {@code step_timeout}) and rolls it back. The body is not interrupted.
 */
final class TransactionalStep<T> {

	private final ExecutionContext context;

	private final String name;

	private final StepOptions options;

	private final Class<T> type;

	private int seq;

	private int attempt;

	private Instant startedAt;

	/** The body began (the transaction manager was found to manage our DataSource). */
	private boolean began;

	/** The step's row was written in the transaction; only its commit was left. */
	private boolean written;

	private T result;

	TransactionalStep(ExecutionContext context, String name, StepOptions options, Class<T> type) {
		this.context = context;
		this.name = name;
		this.options = options;
		this.type = type;
	}

	T run(Callable<T> body) {
		this.seq = this.context.enter(this.name);
		StepRecord previous = this.context.replayed(this.name);
		if (previous != null && previous.is(StepStatus.COMPLETED)) {
			return this.context.json().read(previous.resultJson(), this.type);
		}
		this.attempt = (previous != null) ? previous.attempts() + 1 : 1;
		// what is pending is written before the transaction, in a commit of its own
		this.context.flush();
		this.startedAt = (previous != null && previous.startedAt() != null) ? previous.startedAt() : this.context.now();
		this.context.runLog().enterStep(this.name);
		try {
			this.context.support()
				.stepTransactions()
				.execute(this.name, this.options.timeout(), (status) -> inTransaction(status, body));
			return this.result;
		}
		catch (ParkSignal | LeaseLostException | WriteFailedException signal) {
			throw signal;
		}
		catch (Throwable failure) {
			if (!this.began) {
				// no transaction over our DataSource: a configuration error, not an
				// attempt
				throw failure;
			}
			if (this.written && committedAfterAll()) {
				return this.result;
			}
			return this.context.failed(this.name, this.seq, StepKind.STEP, this.options, this.attempt, this.startedAt,
					null, cause(failure));
		}
		finally {
			this.context.runLog().leaveStep();
		}
	}

	private Object inTransaction(TransactionStatus status, Callable<T> body) {
		this.began = true;
		try {
			this.result = body.call();
		}
		catch (RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new BodyFailure(ex);
		}
		// JPA writes reach the database now, so that their failures are the body's and
		// the fenced write is the transaction's last statement (its row lock held only
		// until the commit)
		status.flush();
		if (status.isRollbackOnly()) {
			throw new IllegalStateException("The transaction of step '" + this.name + "' was marked rollback-only "
					+ "in its body (a failure caught inside it?); nothing of it is committed");
		}
		this.context.record(new StepWrite(this.name, this.seq, StepKind.STEP, StepStatus.COMPLETED, this.attempt,
				this.context.json().write(this.result), null, null, this.startedAt, this.context.now()));
		this.context.write(new RunTransition.Touch());
		this.written = true;
		return this.result;
	}

	/**
	 * Whether the commit that failed after the step's row was written committed anyway (a
	 * connection lost while the commit was answered): the row says so.
	 */
	private boolean committedAfterAll() {
		Optional<StepRecord> row = this.context.support().store().step(this.context.runId(), this.name);
		return row.isPresent() && row.get().is(StepStatus.COMPLETED) && row.get().attempts() == this.attempt;
	}

	private Throwable cause(Throwable failure) {
		if (failure instanceof BodyFailure wrapped) {
			return wrapped.getCause();
		}
		if (failure instanceof TransactionTimedOutException
				|| (this.options.timeout() != null && failure instanceof QueryTimeoutException)) {
			TimeoutException timeout = new TimeoutException(
					"Step attempt timed out after " + this.options.timeout() + " (its transaction's timeout)");
			timeout.initCause(failure);
			return timeout;
		}
		return failure;
	}

	/** A checked exception of the body, carried through the transaction template. */
	private static final class BodyFailure extends RuntimeException {

		BodyFailure(Exception cause) {
			super(cause);
		}

	}

}
