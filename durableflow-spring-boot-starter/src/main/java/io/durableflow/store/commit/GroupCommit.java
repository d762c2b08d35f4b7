package io.durableflow.store.commit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.durableflow.WorkflowChange;
import io.durableflow.change.ChangeRecorder;
import io.durableflow.json.WorkflowJson;
import io.durableflow.queue.ClaimedRun;
import io.durableflow.queue.NextClaim;
import io.durableflow.store.ChangeRows;
import io.durableflow.store.NewRun;
import io.durableflow.store.PendingWrites;
import io.durableflow.store.RunTransition;
import io.durableflow.store.commit.BatchStatement.Batch;
import io.durableflow.store.commit.FinishedRunNotifier.Finished;
import io.durableflow.store.commit.Requests.Fenced;
import io.durableflow.store.commit.Requests.Insert;
import io.durableflow.store.commit.Requests.Request;
import io.durableflow.support.DurableFlowThreads;
import io.durableflow.support.LifecyclePhases;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The only writer of claimed runs' rows and of new runs (docs/ENGINE.md, invariant 2).
 * Workers hand their fenced writes (a step recorded, a run parked, completed or failed)
 * and new runs started outside any transaction to writer threads, which write everything
 * that has queued up in one statement ({@link BatchStatement}) that commits by itself;
 * each caller returns only after that commit, so nothing is reported written before it is
 * durable. Under load a commit carries many runs' writes, which is where the throughput
 * comes from; on an idle engine a batch is a single write and costs what a write of its
 * own would.
 * <p>
 * Every write keeps its own fence, by run and lease token: a write whose token moved on
 * is left out of the batch (its caller hears {@code false}) and the others are written.
 * If the statement fails as a whole (a constraint, a lost connection) or outlasts its
 * timeout (a row lock held by a long transaction), each write goes back to its caller to
 * be written on the caller's thread, so a bad or blocked write holds up only its own run.
 * Writes that must join a caller's transaction, or carry waits or logs, are written
 * directly by {@link FencedWriter} on the caller's thread.
 */
public class GroupCommit implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(GroupCommit.class);

	private static final long FAILURE_WARNING_NANOS = TimeUnit.MINUTES.toNanos(1);

	/**
	 * How long the shared statement may take (waiting for row locks included) before each
	 * caller writes its own.
	 */
	private static final int BATCH_TIMEOUT_SECONDS = 2;

	/** How often a write of its own is tried when it loses a deadlock. */
	private static final int DEADLOCK_ATTEMPTS = 3;

	private final FencedWriter writer;

	private final RunWrites runs;

	private final FinishedRunNotifier finished;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final ChangeRecorder changes;

	private final WorkflowJson json;

	private final int maxBatch;

	private final WriteQueue queue;

	private final AtomicLong lastFailureWarning = new AtomicLong(System.nanoTime() - FAILURE_WARNING_NANOS);

	/**
	 * @param maxBatch the most writes one commit carries; {@code 1} turns group commit
	 * off (every write is then written on its caller's thread)
	 * @param writers how many commits may be under way at once (threads, each with a
	 * connection while it writes)
	 */
	public GroupCommit(FencedWriter writer, RunWrites runs, FinishedRunNotifier finished, JdbcTemplate jdbc,
			TransactionTemplate transactions, ChangeRecorder changes, WorkflowJson json, int maxBatch, int writers) {
		if (maxBatch < 1) {
			throw new IllegalArgumentException("durableflow.writer.batch-size must be at least 1, was " + maxBatch);
		}
		if (writers < 1) {
			throw new IllegalArgumentException("durableflow.writer.threads must be at least 1, was " + writers);
		}
		this.writer = writer;
		this.runs = runs;
		this.finished = finished;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.changes = changes;
		this.json = json;
		this.maxBatch = maxBatch;
		this.queue = new WriteQueue(maxBatch, writers, DurableFlowThreads.daemon("writer"), this::execute);
	}

	/**
	 * Moves the run as {@code transition} says and records {@code writes}, only while
	 * {@code run}'s lease is still held; a run that completes or fails resumes, in the
	 * same transaction, the runs waiting for it. Joins the caller's transaction if there
	 * is one.
	 * @return {@code false} when the lease was lost: nothing was written
	 */
	public boolean write(ClaimedRun run, RunTransition transition, PendingWrites writes, Instant now) {
		return write(run, transition, writes, now, null);
	}

	/**
	 * As {@link #write(ClaimedRun, RunTransition, PendingWrites, Instant)}; when the
	 * write ends the execution (complete, fail, park) and goes into a shared commit, that
	 * commit also claims a due run for {@code next}, if there is one.
	 */
	public boolean write(ClaimedRun run, RunTransition transition, PendingWrites writes, Instant now, NextClaim next) {
		if (!batchable(transition, writes)) {
			return writeAlone(run, transition, writes, now);
		}
		Fenced request = new Fenced(run, transition, writes, now, transition.endsExecution() ? next : null);
		Boolean written = this.queue.submit(request);
		return (written != null) ? written : writeAlone(run, transition, writes, now);
	}

	/**
	 * Inserts a run; {@code false} when a run with that id exists already. Joins the
	 * caller's transaction.
	 */
	public boolean insert(NewRun run, Instant now) {
		// announced first: a claim committed right after the insert (by another writer,
		// or the dispatcher) then reaches listeners after the run's "created" change,
		// never before it (invariant 9)
		ChangeRecorder.Announcement announcement = this.changes.announcing(run.runId());
		boolean inserted = false;
		try {
			Boolean shared = null;
			// a keyed start is written in a transaction of its own, which the shared
			// statement is not
			// the queue accepts only while its writers run, and they run only with a
			// batch size over 1
			if (this.queue.accepting() && run.dedupKey() == null
					&& !TransactionSynchronizationManager.isActualTransactionActive()) {
				shared = this.queue.submit(new Insert(run, now, announcement));
			}
			inserted = (shared != null) ? shared : this.runs.insert(run, now);
			return inserted;
		}
		finally {
			if (inserted && ChangeRecorder.commitsLater()) {
				// the "created" change goes out when the caller's transaction commits (a
				// rollback creates nothing): registered after the insert, so after the
				// recorder's own synchronization
				TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
					@Override
					public void afterCompletion(int status) {
						announcement.close();
					}
				});
			}
			else {
				announcement.close();
			}
		}
	}

	private boolean batchable(RunTransition transition, PendingWrites writes) {
		return this.queue.accepting() && writes.waits().isEmpty() && writes.logs().isEmpty()
				&& transition.op() != RunTransition.Op.RELEASE
				&& !TransactionSynchronizationManager.isActualTransactionActive();
	}

	private boolean writeAlone(ClaimedRun run, RunTransition transition, PendingWrites writes, Instant now) {
		Finished done = Finished.of(run, transition);
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			// the caller's transaction: a deadlock rolls all of it back, and the caller
			// decides what comes next
			return (done != null) ? writeAndResume(run, transition, writes, now, done)
					: this.writer.write(run, transition, writes, now);
		}
		for (int attempt = 1;; attempt++) {
			try {
				if (done == null) {
					return this.writer.write(run, transition, writes, now);
				}
				return Boolean.TRUE
					.equals(this.transactions.execute((status) -> writeAndResume(run, transition, writes, now, done)));
			}
			catch (PessimisticLockingFailureException ex) {
				// a deadlock: a finishing write locks its run, then its waiters; a
				// waiter's own write locks them the other way round. All of it rolled
				// back: write it again at once
				if (attempt == DEADLOCK_ATTEMPTS) {
					throw ex;
				}
				logger.debug("Write of run " + run.runId() + " lost a deadlock; writing it again", ex);
			}
		}
	}

	private boolean writeAndResume(ClaimedRun run, RunTransition transition, PendingWrites writes, Instant now,
			Finished done) {
		boolean written = this.writer.write(run, transition, writes, now);
		if (written) {
			this.finished.resumeWaitersInTransaction(List.of(done), now);
		}
		return written;
	}

	/**
	 * Writes one batch taken from the queue, then answers its callers (on a writer
	 * thread).
	 */
	private void execute(List<Request> requests) {
		Batch batch = Batch.of(requests);
		BatchStatement.Result result;
		try {
			// one statement, committed by itself
			result = this.jdbc.execute((Connection connection) -> {
				try (PreparedStatement ps = connection.prepareStatement(BatchStatement.SQL.sql())) {
					// a row lock held by some long transaction (a caller's cancel, say)
					// must not hold up every other write of the batch: give up and let
					// each caller write its own
					ps.setQueryTimeout(BATCH_TIMEOUT_SECONDS);
					try (ResultSet rs = BatchStatement.bind(connection, ps, batch).executeQuery()) {
						return BatchStatement.result(rs);
					}
				}
			});
		}
		catch (RuntimeException ex) {
			warnFailed(requests.size(), ex);
			// on the callers' threads: a write that fails, or waits for a lock, holds up
			// only its own caller
			requests.forEach((request) -> request.result.complete(null));
			return;
		}
		answer(batch, result);
	}

	/**
	 * Answers the callers of a committed batch. From here on nothing may fail a caller
	 * whose write is durable. Order matters: changes are recorded before any caller goes
	 * on (what a caller does next is recorded after this, invariant 9); a claimant finds
	 * its next run when its write returns; the waiters of runs that finished are resumed
	 * before their workers go on.
	 */
	private void answer(Batch batch, BatchStatement.Result result) {
		Map<Insert, Boolean> inserted = new LinkedHashMap<>();
		Set<String> unclaimed = new HashSet<>(result.inserted());
		for (Insert request : batch.inserts()) {
			// the first of two starts with one id in a batch inserted it; the second
			// finds it there
			boolean created = unclaimed.remove(request.run.runId());
			inserted.put(request, created);
			if (!created) {
				// an existing run's changes (its worker's write in this very batch, say)
				// are not held back
				request.announcement.close();
			}
		}
		List<Finished> awaited = new ArrayList<>();
		for (Fenced request : batch.fenced()) {
			Finished done = Finished.of(request.run, request.transition);
			if (done != null && result.locked().contains(request.fence()) && result.awaited().contains(done.runId())) {
				awaited.add(done);
			}
		}
		try {
			recordChanges(inserted, batch.fenced(), result);
			if (!result.claimed().isEmpty() && this.changes.hasListeners()) {
				this.changes.record(ChangeRows.claimed(result.claimed(), batch.claim().at()));
			}
		}
		catch (RuntimeException ex) {
			logger.warn("DurableFlow could not publish the changes of a group commit: " + ex.getMessage(), ex);
		}
		List<Fenced> served = batch.fenced()
			.stream()
			.filter((request) -> batch.claim().fences().contains(request.fence())
					&& result.locked().contains(request.fence()))
			.toList();
		for (int i = 0; i < result.claimed().size(); i++) {
			served.get(i).next.hand(result.claimed().get(i));
		}
		inserted.forEach((request, created) -> request.result.complete(created));
		if (!awaited.isEmpty()) {
			this.finished.resumeWaiters(awaited, batch.fenced().get(0).now);
		}
		for (Fenced request : batch.fenced()) {
			request.result.complete(result.locked().contains(request.fence()));
		}
	}

	/** The changes of a batch, runs it created first. */
	private void recordChanges(Map<Insert, Boolean> inserted, List<Fenced> fenced, BatchStatement.Result result) {
		List<WorkflowChange> created = new ArrayList<>();
		inserted.forEach((request, mine) -> {
			if (mine && this.changes.hasListeners()) {
				created.add(ChangeRows.created(request.run, request.now));
			}
		});
		this.changes.record(created);
		if (!fenced.isEmpty() && this.changes.hasListeners()) {
			ChangeRows rows = new ChangeRows(this.json, fenced.get(0).now);
			for (Fenced request : fenced) {
				if (result.locked().contains(request.fence())) {
					rows.stepWrites(request.run, request.writes);
				}
			}
			rows.runs(result.runsJson(), false);
			this.changes.record(rows.changes());
		}
	}

	private void warnFailed(int writes, RuntimeException ex) {
		long now = System.nanoTime();
		long last = this.lastFailureWarning.get();
		if (now - last >= FAILURE_WARNING_NANOS && this.lastFailureWarning.compareAndSet(last, now)) {
			// a bad write fails its own caller anyway; a shared commit failing again and
			// again means every write is written on its own (slower, still correct),
			// which an operator should hear of
			logger.warn("DurableFlow group commit of " + writes + " write(s) failed (" + ex.getMessage()
					+ "); each caller writes its own alone. Said at most once a minute.");
		}
		else {
			logger.debug("DurableFlow group commit of " + writes + " writes failed (" + ex.getMessage()
					+ "); each caller writes its own alone");
		}
	}

	/**
	 * Starts the writer threads (none with a batch size of 1: every write is then written
	 * on its caller's thread).
	 */
	@Override
	public void start() {
		if (this.maxBatch > 1) {
			this.queue.start();
		}
	}

	/**
	 * Stops taking writes: what is queued is written, later writes go straight to the
	 * database.
	 */
	@Override
	public void stop() {
		this.queue.stop();
	}

	@Override
	public boolean isRunning() {
		return this.queue.isRunning();
	}

	@Override
	public int getPhase() {
		return LifecyclePhases.WRITER;
	}

}
