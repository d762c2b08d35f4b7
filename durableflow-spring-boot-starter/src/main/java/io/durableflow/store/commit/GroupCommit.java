package io.durableflow.store.commit;

import io.durableflow.queue.ClaimedRun;
import io.durableflow.queue.NextClaim;
import io.durableflow.store.ChangeRows;
import io.durableflow.store.EventStore;
import io.durableflow.store.NewRun;
import io.durableflow.store.PendingWrites;
import io.durableflow.store.RunStore;
import io.durableflow.store.RunTransition;
import io.durableflow.store.StepWrite;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.durableflow.RunStatus;
import io.durableflow.WorkflowChange;
import io.durableflow.json.WorkflowJson;
import io.durableflow.change.ChangeRecorder;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit for the engine's own writes. Workers hand their fenced writes (a step recorded, a
 * run parked, completed or failed) and new runs started outside any transaction to writer
 * threads, which write everything that has queued up in one statement that commits by itself;
 * each caller returns only after that commit, so nothing is reported written before it is
 * durable. Under load a commit carries many runs' writes, which is where the throughput comes
 * from; on an idle engine a batch is a single write and costs what a write alone would.
 * <p>
 * Every write keeps its own fence, by run and lease token: a write whose token moved on is left
 * out of the batch (its caller hears {@code false}) and the others are written. Row locks are
 * taken in run-id order, as heartbeats and cancels take them, so they cannot deadlock with a
 * batch. If the statement fails as a whole (a constraint, a lost connection) or outlasts its
 * timeout (a row lock held by a long transaction), each write goes back to its caller to be
 * written alone, so a bad or blocked write holds up only its own run. Writes that must join a
 * caller's transaction, or carry waits or logs, are written directly by {@link FencedWriter} on
 * the caller's thread.
 */
public class GroupCommit implements DisposableBean {

	private static final Log logger = LogFactory.getLog(GroupCommit.class);

	/**
	 * Everything a batch writes, in one statement: insert the new runs; lock the runs still leased
	 * with the given tokens (in run-id order), move those whose execution ends, upsert the steps of
	 * the locked runs only. The finished runs report the "awaited" mark of the row version they
	 * locked, so waiters that committed while this statement waited for the lock are not missed.
	 * Last, it claims due runs for the workers whose executions this batch ends ({@link NextClaim}),
	 * one for each whose write held its lease, as {@link RunStore#claim} does, leaving out the runs
	 * this batch writes.
	 * <p>
	 * Plans are chosen to stay cheap whatever the statistics say. Runs are locked one at a time by
	 * run id ({@link RunStore#LOCK_LEASED}, as heartbeats lock them); the claim sets what
	 * {@link RunStore#CLAIM_SET} says. The arrays go through scalar subqueries so that no plan sees
	 * their lengths: every execution is estimated alike and the server keeps one generic plan (with
	 * the lengths visible, a small batch looks cheaper re-planned, and each is, at some 200
	 * microseconds of planning).
	 */
	private static final String BATCH = """
			WITH ins AS (
			    INSERT INTO durableflow.workflow_runs (run_id, workflow_name, status, hosting_mode, lifecycle_stage,
			        user_id, tutorial_slug, queue, input, parent_run_id, next_due_at, created_at, updated_at)
			    SELECT n.run_id, n.workflow_name, 'pending', n.hosting_mode, n.lifecycle_stage, n.user_id,
			        n.tutorial_slug, n.queue, n.input::jsonb, n.parent_run_id, n.due_at::timestamptz, n.at::timestamptz,
			        n.at::timestamptz
			    FROM unnest(
			        (SELECT ?::text[]), (SELECT ?::text[]), (SELECT ?::text[]), (SELECT ?::text[]),
			        (SELECT ?::text[]), (SELECT ?::text[]), (SELECT ?::text[]), (SELECT ?::text[]),
			        (SELECT ?::text[]), (SELECT ?::text[]), (SELECT ?::text[]))
			        AS n(run_id, workflow_name, hosting_mode, lifecycle_stage, user_id, tutorial_slug, queue, input,
			        parent_run_id, due_at, at)
			    ORDER BY n.run_id
			    ON CONFLICT (run_id) DO NOTHING
			    RETURNING run_id),
			t AS (
			    SELECT * FROM unnest(
			        (SELECT ?::text[]), (SELECT ?::bigint[]), (SELECT ?::text[]), (SELECT ?::text[]),
			        (SELECT ?::text[]), (SELECT ?::text[]), (SELECT ?::text[]), (SELECT ?::text[]))
			        AS t(run_id, token, op, park_status, due_at, output, error, at)),
			l AS (
			    SELECT r.id, r.run_id, t.token, t.op, t.park_status, t.due_at, t.output, t.error, t.at::timestamptz AS at
			    FROM (SELECT * FROM t ORDER BY run_id) t
			    %s),
			m AS (
			    UPDATE durableflow.workflow_runs r SET updated_at = l.at,
			        status = CASE l.op WHEN 'complete' THEN 'completed' WHEN 'fail' THEN 'failed'
			            ELSE CASE WHEN r.resume_requested THEN 'pending' ELSE l.park_status END END,
			        output = CASE WHEN l.op = 'complete' THEN l.output::jsonb ELSE r.output END,
			        error = CASE WHEN l.op = 'fail' THEN l.error::jsonb ELSE r.error END,
			        finished_at = CASE WHEN l.op = 'park' THEN r.finished_at ELSE l.at END,
			        next_due_at = CASE WHEN l.op <> 'park' THEN NULL WHEN r.resume_requested THEN l.at
			            ELSE l.due_at::timestamptz END,
			        resume_requested = CASE WHEN l.op = 'park' THEN false ELSE r.resume_requested END,
			        lease_owner = NULL, lease_expires_at = NULL
			    FROM l WHERE r.id = l.id AND l.op <> 'touch'
			    RETURNING r.run_id, r.workflow_name, r.status, r.error->>'code' AS error_code, r.created_at, r.awaited),
			s AS (
			    INSERT INTO durableflow.workflow_steps AS s (run_id, name, seq, kind, status, attempts, result, error,
			        wake_at, started_at, completed_at, created_at, updated_at)
			    SELECT st.run_id, st.name, st.seq, st.kind, st.status, st.attempts, st.result::jsonb, st.error::jsonb,
			        st.wake_at::timestamptz, st.started_at::timestamptz, st.completed_at::timestamptz,
			        st.at::timestamptz, st.at::timestamptz
			    FROM unnest(
			        (SELECT ?::text[]), (SELECT ?::bigint[]), (SELECT ?::text[]), (SELECT ?::int[]),
			        (SELECT ?::text[]), (SELECT ?::text[]), (SELECT ?::int[]), (SELECT ?::text[]),
			        (SELECT ?::text[]), (SELECT ?::text[]), (SELECT ?::text[]), (SELECT ?::text[]),
			        (SELECT ?::text[]))
			        AS st(run_id, token, name, seq, kind, status, attempts, result, error, wake_at, started_at,
			        completed_at, at)
			    WHERE (st.run_id, st.token) IN (SELECT run_id, token FROM l)
			    ON CONFLICT (run_id, name) DO UPDATE SET status = excluded.status, attempts = excluded.attempts,
			        result = excluded.result, error = excluded.error, wake_at = excluded.wake_at,
			        started_at = coalesce(s.started_at, excluded.started_at), completed_at = excluded.completed_at,
			        updated_at = excluded.updated_at
			    RETURNING 1),
			cd AS (
			    SELECT id, status, next_due_at FROM durableflow.workflow_runs
			    WHERE status IN %s AND next_due_at <= ?::timestamptz
			        AND id NOT IN (SELECT id FROM l)
			    ORDER BY next_due_at
			    LIMIT (SELECT count(*) FROM l WHERE l.run_id || '@' || l.token = ANY (CAST((SELECT ?::text[]) AS text[])))
			    FOR UPDATE SKIP LOCKED),
			c AS (
			    UPDATE durableflow.workflow_runs r
			    %s
			    FROM cd WHERE r.id = cd.id
			    RETURNING r.run_id, r.workflow_name, r.input::text AS input, r.lease_token, r.executions,
			        cd.status AS was, (extract(epoch FROM cd.next_due_at) * 1000000)::bigint AS due_micros)
			SELECT (SELECT array_agg(run_id) FROM ins)::text[], (SELECT array_agg(run_id || '@' || token) FROM l)::text[],
			    (SELECT json_agg(m) FROM m)::text,
			    (SELECT array_agg(run_id) FROM m WHERE awaited AND status IN ('completed', 'failed'))::text[],
			    (SELECT count(*) FROM s)::int,
			    (SELECT array_agg(run_id ORDER BY run_id) FROM c)::text[],
			    (SELECT array_agg(workflow_name ORDER BY run_id) FROM c)::text[],
			    (SELECT array_agg(input ORDER BY run_id) FROM c)::text[],
			    (SELECT array_agg(lease_token ORDER BY run_id) FROM c)::bigint[],
			    (SELECT array_agg(executions ORDER BY run_id) FROM c)::int[],
			    (SELECT array_agg(was ORDER BY run_id) FROM c)::text[],
			    (SELECT array_agg(due_micros ORDER BY run_id) FROM c)::bigint[]"""
		.formatted(RunStore.LOCK_LEASED, RunStore.ACTIVE, RunStore.CLAIM_SET);

	private static final String CLEAR_AWAITED = """
			UPDATE durableflow.workflow_runs SET awaited = false
			WHERE run_id = ANY (?) AND awaited AND status IN ('completed', 'failed', 'cancelled')""";

	/**
	 * Finished runs whose waiters may not have been told: marked and finished, or named by a
	 * pending wait (waits recorded before the mark existed, or by an instance of an older version).
	 */
	private static final String FINISHED_AWAITED = """
			SELECT r.run_id, r.status, r.output::text, r.error::text FROM durableflow.workflow_runs r
			WHERE r.awaited AND r.status IN ('completed', 'failed', 'cancelled')
			UNION
			SELECT r.run_id, r.status, r.output::text, r.error::text FROM durableflow.workflow_waits w
			JOIN durableflow.workflow_runs r ON r.run_id = w.match->>'run_id'
			WHERE w.event_name = 'durableflow.workflow_finished' AND w.status = 'pending'
			  AND r.status IN ('completed', 'failed', 'cancelled')
			LIMIT 100""";

	private static final long FAILURE_WARNING_NANOS = TimeUnit.MINUTES.toNanos(1);

	/** How long the shared statement may take (waiting for row locks included) before each caller writes alone. */
	private static final int BATCH_TIMEOUT_SECONDS = 2;

	/** How often a writer looks for finished runs whose waiters were not told (after a crash). */
	private static final long SWEEP_NANOS = TimeUnit.SECONDS.toNanos(10);

	private final FencedWriter writer;

	private final RunStore store;

	private final EventStore events;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final ChangeRecorder changes;

	private final WorkflowJson json;

	private final int maxBatch;

	private final LinkedBlockingQueue<Request> queue = new LinkedBlockingQueue<>();

	private final List<Thread> threads = new ArrayList<>();

	private volatile boolean running = true;

	private final AtomicLong lastFailureWarning = new AtomicLong(System.nanoTime() - FAILURE_WARNING_NANOS);

	/**
	 * @param maxBatch the most writes one commit carries; {@code 1} turns group commit off (every
	 * write is then written on its caller's thread)
	 * @param writers how many commits may be under way at once (threads, each with a connection
	 * while it writes)
	 */
	public GroupCommit(FencedWriter writer, RunStore store, EventStore events, JdbcTemplate jdbc,
			TransactionTemplate transactions, ChangeRecorder changes, WorkflowJson json, int maxBatch, int writers) {
		if (maxBatch < 1) {
			throw new IllegalArgumentException("durableflow.writer.batch-size must be at least 1, was " + maxBatch);
		}
		if (writers < 1) {
			throw new IllegalArgumentException("durableflow.writer.threads must be at least 1, was " + writers);
		}
		this.writer = writer;
		this.store = store;
		this.events = events;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.changes = changes;
		this.json = json;
		this.maxBatch = maxBatch;
		if (maxBatch > 1) {
			for (int i = 1; i <= writers; i++) {
				Thread thread = new Thread(this::run, "durableflow-writer-" + i);
				thread.setDaemon(true);
				thread.start();
				this.threads.add(thread);
			}
		}
	}

	/**
	 * Moves the run as {@code transition} says and records {@code writes}, only while
	 * {@code run}'s lease is still held; a run that completes or fails resumes, in the same
	 * transaction, the runs waiting for it. Joins the caller's transaction if there is one.
	 * @return {@code false} when the lease was lost: nothing was written
	 */
	public boolean write(ClaimedRun run, RunTransition transition, PendingWrites writes, Instant now) {
		return write(run, transition, writes, now, null);
	}

	/**
	 * As {@link #write(ClaimedRun, RunTransition, PendingWrites, Instant)}; when the write ends the
	 * execution (complete, fail, park) and goes into a shared commit, that commit also claims a due
	 * run for {@code next}, if there is one.
	 */
	public boolean write(ClaimedRun run, RunTransition transition, PendingWrites writes, Instant now,
			NextClaim next) {
		if (!batchable(transition, writes)) {
			return writeAlone(run, transition, writes, now);
		}
		boolean ends = transition instanceof RunTransition.Complete || transition instanceof RunTransition.Fail
				|| transition instanceof RunTransition.Park;
		return submit(new FenceRequest(run, transition, writes, now, ends ? next : null));
	}

	/** Inserts a run; {@code false} when a run with that id exists already. Joins the caller's transaction. */
	public boolean insert(NewRun run, Instant now) {
		// announced first: a claim committed right after the insert (by another writer, or the dispatcher)
		// is then told to listeners after the run's "created" change, never before it
		ChangeRecorder.Announcement announcement = this.changes.announcing(run.runId());
		boolean inserted = false;
		try {
			if (this.maxBatch == 1 || !this.running || TransactionSynchronizationManager.isActualTransactionActive()) {
				inserted = this.store.insert(run, now);
			}
			else {
				inserted = submit(new InsertRequest(run, now, announcement));
			}
			return inserted;
		}
		finally {
			if (inserted && ChangeRecorder.commitsLater()) {
				// the "created" change goes out when the caller's transaction commits (a rollback creates
				// nothing): registered after the insert, so after the recorder's own synchronization
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
		return this.maxBatch > 1 && this.running && writes.waits().isEmpty() && writes.logs().isEmpty()
				&& !(transition instanceof RunTransition.Release)
				&& !TransactionSynchronizationManager.isActualTransactionActive();
	}

	private boolean submit(Request request) {
		this.queue.add(request);
		if (!this.running && this.queue.remove(request)) {
			// stopped meanwhile: nobody would take it
			return request.alone(this);
		}
		try {
			Boolean written = request.result.join();
			// null: the shared commit failed; the caller writes its own alone
			return (written != null) ? written : request.alone(this);
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (ex.getCause() instanceof Error error) {
				throw error;
			}
			throw ex;
		}
	}

	private boolean writeAlone(ClaimedRun run, RunTransition transition, PendingWrites writes, Instant now) {
		Finished finished = Finished.of(run, transition);
		if (finished == null) {
			return this.writer.write(run, transition, writes, now);
		}
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			return writeAndDeliver(run, transition, writes, now, finished);
		}
		return Boolean.TRUE
			.equals(this.transactions.execute((status) -> writeAndDeliver(run, transition, writes, now, finished)));
	}

	private boolean writeAndDeliver(ClaimedRun run, RunTransition transition, PendingWrites writes, Instant now,
			Finished finished) {
		boolean written = this.writer.write(run, transition, writes, now);
		if (written) {
			deliverFinished(List.of(finished), now);
		}
		return written;
	}

	private void run() {
		List<Request> batch = new ArrayList<>();
		boolean sweeper = Thread.currentThread().getName().endsWith("-1");
		long lastSweep = System.nanoTime() - SWEEP_NANOS;
		while (this.running || !this.queue.isEmpty()) {
			try {
				if (sweeper && System.nanoTime() - lastSweep >= SWEEP_NANOS) {
					lastSweep = System.nanoTime();
					sweepQuietly();
				}
				Request first = this.queue.poll(100, TimeUnit.MILLISECONDS);
				if (first == null) {
					continue;
				}
				batch.add(first);
				this.queue.drainTo(batch, this.maxBatch - 1);
				execute(batch);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			catch (Throwable ex) {
				// never leave a caller hanging: those not answered yet write their own alone
				logger.warn("DurableFlow group commit failed unexpectedly: " + ex.getMessage(), ex);
				batch.forEach((request) -> request.result.complete(null));
			}
			finally {
				batch.clear();
			}
		}
		for (Request left; (left = this.queue.poll()) != null;) {
			left.result.complete(null);
		}
	}

	private void execute(List<Request> batch) {
		List<FenceRequest> fenced = new ArrayList<>();
		List<InsertRequest> inserts = new ArrayList<>();
		for (Request request : batch) {
			if (request instanceof FenceRequest fence) {
				fenced.add(fence);
			}
			else {
				inserts.add((InsertRequest) request);
			}
		}
		fenced.sort(Comparator.comparing((FenceRequest request) -> request.run.runId()));
		List<StepRow> steps = new ArrayList<>();
		for (FenceRequest request : fenced) {
			request.writes.steps()
				.forEach((step) -> steps.add(new StepRow(request.run.runId(), request.run.leaseToken(), step,
						request.now)));
		}
		List<FenceRequest> takers = new ArrayList<>();
		for (FenceRequest request : fenced) {
			// one owner per statement (an application has one scheduler; others simply go without)
			if (request.next != null && request.next.wanted()
					&& (takers.isEmpty() || takers.get(0).next.owner().equals(request.next.owner()))) {
				takers.add(request);
			}
		}
		Written written;
		try {
			// one statement, committed by itself
			written = this.jdbc.execute((Connection connection) -> write(connection, inserts, fenced, steps, takers));
		}
		catch (RuntimeException ex) {
			long now = System.nanoTime();
			long last = this.lastFailureWarning.get();
			if (now - last >= FAILURE_WARNING_NANOS && this.lastFailureWarning.compareAndSet(last, now)) {
				// a bad write fails its own caller anyway; a shared commit failing again and again means
				// every write goes alone (slower, still correct), which an operator should hear of
				logger.warn("DurableFlow group commit of " + batch.size() + " write(s) failed (" + ex.getMessage()
						+ "); each caller writes its own alone. Said at most once a minute.");
			}
			else {
				logger.debug("DurableFlow group commit of " + batch.size() + " writes failed (" + ex.getMessage()
						+ "); each caller writes its own alone");
			}
			// on the callers' threads: a write that fails, or waits for a lock, holds up only its own caller
			batch.forEach((request) -> request.result.complete(null));
			return;
		}
		// committed: from here on nothing may fail a caller whose write is durable
		Map<InsertRequest, Boolean> mine = new LinkedHashMap<>();
		Set<String> unclaimed = new HashSet<>(written.inserted());
		for (InsertRequest request : inserts) {
			// the first of two starts with one id in a batch inserted it; the second finds it there
			boolean created = unclaimed.remove(request.run.runId());
			mine.put(request, created);
			if (!created) {
				// an existing run's changes (its worker's write in this very batch, say) are not held back
				request.announcement.close();
			}
		}
		List<Finished> awaited = new ArrayList<>();
		for (FenceRequest request : fenced) {
			Finished done = Finished.of(request.run, request.transition);
			if (done != null && written.locked().contains(request.fence()) && written.awaited().contains(done.runId())) {
				awaited.add(done);
			}
		}
		try {
			recordChanges(mine, fenced, written);
			if (!written.claimed().isEmpty() && this.changes.hasListeners()) {
				this.changes.record(RunStore.claimedChanges(written.claimed(), claimTime(takers)));
			}
		}
		catch (RuntimeException ex) {
			logger.warn("DurableFlow could not publish the changes of a group commit: " + ex.getMessage(), ex);
		}
		// before the callers go on: each taker whose write held finds its next run when its write returns
		List<FenceRequest> served = takers.stream().filter((request) -> written.locked().contains(request.fence())).toList();
		for (int i = 0; i < written.claimed().size(); i++) {
			served.get(i).next.hand(written.claimed().get(i));
		}
		mine.forEach((request, inserted) -> request.result.complete(inserted));
		if (!awaited.isEmpty()) {
			// before the callers go on: a run that finished has told its waiters when its worker returns
			tellWaiters(awaited, fenced.get(0).now);
		}
		for (FenceRequest request : fenced) {
			request.result.complete(written.locked().contains(request.fence()));
		}
	}

	/**
	 * Records what a batch changed before any of its callers goes on: what a caller does next (a
	 * claim, its next write) is recorded after this, so listeners see each run's changes in commit
	 * order. The runs it created come first.
	 */
	private void recordChanges(Map<InsertRequest, Boolean> inserted, List<FenceRequest> fenced, Written written) {
		List<WorkflowChange> created = new ArrayList<>();
		inserted.forEach((request, mine) -> {
			if (mine && this.changes.hasListeners()) {
				created.add(RunStore.created(request.run, request.now));
			}
		});
		this.changes.record(created);
		if (!fenced.isEmpty() && this.changes.hasListeners()) {
			ChangeRows rows = new ChangeRows(this.json, fenced.get(0).now);
			for (FenceRequest request : fenced) {
				if (written.locked().contains(request.fence())) {
					rows.stepWrites(request.run, request.writes);
				}
			}
			rows.runs(written.runsJson(), false);
			this.changes.record(rows.changes());
		}
	}

	private Written write(Connection connection, List<InsertRequest> inserts, List<FenceRequest> fenced,
			List<StepRow> steps, List<FenceRequest> takers) throws SQLException {
		try (PreparedStatement ps = connection.prepareStatement(BATCH)) {
			// a row lock held by some long transaction (a caller's cancel, say) must not hold up every
			// other write of the batch: give up and let each caller write alone
			ps.setQueryTimeout(BATCH_TIMEOUT_SECONDS);
			int i = 1;
			i = text(ps, i, connection, inserts, (r) -> r.run.runId());
			i = text(ps, i, connection, inserts, (r) -> r.run.workflowName());
			i = text(ps, i, connection, inserts, (r) -> r.run.hostingMode());
			i = text(ps, i, connection, inserts, (r) -> r.run.lifecycleStage());
			i = text(ps, i, connection, inserts, (r) -> r.run.userId());
			i = text(ps, i, connection, inserts, (r) -> r.run.tutorialSlug());
			i = text(ps, i, connection, inserts, (r) -> r.run.queue());
			i = text(ps, i, connection, inserts, (r) -> r.run.inputJson());
			i = text(ps, i, connection, inserts, (r) -> r.run.parentRunId());
			i = text(ps, i, connection, inserts, (r) -> iso(r.run.dueAt()));
			i = text(ps, i, connection, inserts, (r) -> iso(r.now));
			i = text(ps, i, connection, fenced, (r) -> r.run.runId());
			ps.setArray(i++,
					connection.createArrayOf("int8", fenced.stream().map((r) -> r.run.leaseToken()).toArray()));
			i = text(ps, i, connection, fenced, (r) -> op(r.transition));
			i = text(ps, i, connection, fenced,
					(r) -> (r.transition instanceof RunTransition.Park park) ? park.status() : null);
			i = text(ps, i, connection, fenced,
					(r) -> (r.transition instanceof RunTransition.Park park) ? iso(park.dueAt()) : null);
			i = text(ps, i, connection, fenced,
					(r) -> (r.transition instanceof RunTransition.Complete complete) ? complete.outputJson() : null);
			i = text(ps, i, connection, fenced,
					(r) -> (r.transition instanceof RunTransition.Fail fail) ? fail.errorJson() : null);
			i = text(ps, i, connection, fenced, (r) -> iso(r.now));
			i = text(ps, i, connection, steps, StepRow::runId);
			ps.setArray(i++, connection.createArrayOf("int8", steps.stream().map(StepRow::token).toArray()));
			i = text(ps, i, connection, steps, (s) -> s.step.name());
			ps.setArray(i++, connection.createArrayOf("int4", steps.stream().map((s) -> s.step.seq()).toArray()));
			i = text(ps, i, connection, steps, (s) -> s.step.kind());
			i = text(ps, i, connection, steps, (s) -> s.step.status());
			ps.setArray(i++, connection.createArrayOf("int4", steps.stream().map((s) -> s.step.attempts()).toArray()));
			i = text(ps, i, connection, steps, (s) -> s.step.resultJson());
			i = text(ps, i, connection, steps, (s) -> s.step.errorJson());
			i = text(ps, i, connection, steps, (s) -> iso(s.step.wakeAt()));
			i = text(ps, i, connection, steps, (s) -> iso(s.step.startedAt()));
			i = text(ps, i, connection, steps, (s) -> iso(s.step.completedAt()));
			i = text(ps, i, connection, steps, (s) -> iso(s.at));
			Instant claimAt = claimTime(takers);
			NextClaim claim = takers.isEmpty() ? null : takers.get(0).next;
			String expires = (claim != null) ? iso(claimAt.plus(claim.leaseTtl())) : null;
			ps.setString(i++, iso(claimAt));
			ps.setArray(i++, connection.createArrayOf("text", takers.stream().map(FenceRequest::fence).toArray()));
			ps.setString(i++, (claim != null) ? claim.owner() : null);
			ps.setString(i++, expires);
			ps.setString(i++, expires);
			ps.setString(i++, iso(claimAt));
			ps.setString(i, iso(claimAt));
			try (ResultSet rs = ps.executeQuery()) {
				rs.next();
				return new Written(ids(rs, 1), ids(rs, 2), rs.getString(3), ids(rs, 4), claimed(rs));
			}
		}
	}

	/** When the batch claims: the latest of its takers' times (each read the engine's clock). */
	private static Instant claimTime(List<FenceRequest> takers) {
		return takers.stream().map((request) -> request.now).max(Comparator.naturalOrder()).orElse(Instant.EPOCH);
	}

	/** The runs the batch claimed, in the order of their ids (columns 6 to 12). */
	private static List<ClaimedRun> claimed(ResultSet rs) throws SQLException {
		Array ids = rs.getArray(6);
		if (ids == null) {
			return List.of();
		}
		String[] runIds = (String[]) ids.getArray();
		String[] names = (String[]) rs.getArray(7).getArray();
		String[] inputs = (String[]) rs.getArray(8).getArray();
		Long[] tokens = (Long[]) rs.getArray(9).getArray();
		Integer[] executions = (Integer[]) rs.getArray(10).getArray();
		String[] was = (String[]) rs.getArray(11).getArray();
		Long[] due = (Long[]) rs.getArray(12).getArray();
		List<ClaimedRun> claimed = new ArrayList<>(runIds.length);
		for (int i = 0; i < runIds.length; i++) {
			claimed.add(new ClaimedRun(runIds[i], names[i], inputs[i], tokens[i], executions[i], "running".equals(was[i]),
					Instant.EPOCH.plus(due[i], java.time.temporal.ChronoUnit.MICROS)));
		}
		return claimed;
	}

	private static Set<String> ids(ResultSet rs, int column) throws SQLException {
		Array array = rs.getArray(column);
		return (array != null) ? new HashSet<>(Arrays.asList((String[]) array.getArray())) : new HashSet<>();
	}

	/**
	 * Resumes the waiters of runs that finished awaited, and clears the mark, in one transaction.
	 * The wait of every waiter that marked the run committed before the finishing statement locked
	 * the row, so this later statement sees it; a crash before this commit leaves the mark for the
	 * sweep.
	 */
	private void tellWaiters(List<Finished> finished, Instant now) {
		try {
			this.transactions.executeWithoutResult((status) -> {
				finished.forEach((done) -> deliver(done, now));
				clearAwaited(finished);
			});
		}
		catch (RuntimeException ex) {
			logger.warn("DurableFlow could not resume the waiters of " + finished.size() + " finished run(s) now ("
					+ ex.getMessage() + "); the sweep does it shortly");
		}
	}

	private void clearAwaited(List<Finished> finished) {
		this.jdbc.execute((Connection connection) -> {
			try (PreparedStatement ps = connection.prepareStatement(CLEAR_AWAITED)) {
				ps.setArray(1, connection.createArrayOf("text", finished.stream().map(Finished::runId).toArray()));
				return ps.executeUpdate();
			}
		});
	}

	/**
	 * Resumes the waiters of runs that finished, in the caller's transaction, after the statement
	 * that finished them locked their rows: a waiter that committed its wait before that lock is
	 * seen by these later statements, and one that comes later finds the run finished.
	 */
	private void deliverFinished(List<Finished> finished, Instant now) {
		Map<String, Finished> byRun = new HashMap<>();
		finished.forEach((done) -> byRun.put(done.runId(), done));
		List<String> awaited = this.events.awaitedRuns(byRun.keySet());
		awaited.forEach((runId) -> deliver(byRun.get(runId), now));
		clearAwaited(finished);
	}

	private void deliver(Finished done, Instant now) {
		this.events.deliverFinished(done.runId(), done.status(), done.outputJson(), done.errorJson(), now);
	}

	private void sweepQuietly() {
		try {
			sweep();
		}
		catch (RuntimeException ex) {
			logger.warn("DurableFlow could not look for finished runs with untold waiters: " + ex.getMessage());
		}
	}

	/** Finished runs still marked awaited: their waiters were not told (a crash or an error in between). */
	private void sweep() {
		List<Finished> left = this.jdbc.query(FINISHED_AWAITED, (rs, n) -> new Finished(rs.getString(1),
				RunStatus.fromDb(rs.getString(2)), rs.getString(3), rs.getString(4)));
		if (!left.isEmpty()) {
			tellWaiters(left, Instant.now());
		}
	}

	private static String op(RunTransition transition) {
		if (transition instanceof RunTransition.Touch) {
			return "touch";
		}
		if (transition instanceof RunTransition.Park) {
			return "park";
		}
		if (transition instanceof RunTransition.Complete) {
			return "complete";
		}
		if (transition instanceof RunTransition.Fail) {
			return "fail";
		}
		throw new IllegalArgumentException("Not written in a batch: " + transition);
	}

	private static <T> int text(PreparedStatement ps, int i, Connection connection, List<T> rows,
			Function<T, String> column) throws SQLException {
		String[] values = new String[rows.size()];
		for (int r = 0; r < values.length; r++) {
			values[r] = column.apply(rows.get(r));
		}
		ps.setArray(i, connection.createArrayOf("text", values));
		return i + 1;
	}

	private static String iso(Instant instant) {
		return (instant != null) ? instant.toString() : null;
	}

	/** Stops taking writes: what is queued is written, later writes go straight to the database. */
	@Override
	public void destroy() throws InterruptedException {
		this.running = false;
		for (Thread thread : this.threads) {
			thread.join(10_000);
		}
	}

	/** A run that finished with a write, for its waiters. */
	record Finished(String runId, RunStatus status, String outputJson, String errorJson) {

		static Finished of(ClaimedRun run, RunTransition transition) {
			if (transition instanceof RunTransition.Complete complete) {
				return new Finished(run.runId(), RunStatus.COMPLETED, complete.outputJson(), null);
			}
			if (transition instanceof RunTransition.Fail fail) {
				return new Finished(run.runId(), RunStatus.FAILED, null, fail.errorJson());
			}
			return null;
		}

	}

	private record StepRow(String runId, long token, StepWrite step, Instant at) {
	}

	/**
	 * What a batch did: the runs it inserted, the runs whose lease held (and were written), the runs
	 * it moved, those of them that finished awaited, and the runs it claimed for its takers.
	 */
	private record Written(Set<String> inserted, Set<String> locked, String runsJson, Set<String> awaited,
			List<ClaimedRun> claimed) {
	}

	private abstract static sealed class Request permits FenceRequest, InsertRequest {

		final CompletableFuture<Boolean> result = new CompletableFuture<>();

		final Instant now;

		Request(Instant now) {
			this.now = now;
		}

		abstract boolean alone(GroupCommit commit);

	}

	private static final class FenceRequest extends Request {

		final ClaimedRun run;

		final RunTransition transition;

		final PendingWrites writes;

		final NextClaim next;

		FenceRequest(ClaimedRun run, RunTransition transition, PendingWrites writes, Instant now, NextClaim next) {
			super(now);
			this.run = run;
			this.transition = transition;
			this.writes = writes;
			this.next = next;
		}

		/** The run and the lease token this write is fenced by, as the batch statement reports them. */
		String fence() {
			return this.run.runId() + "@" + this.run.leaseToken();
		}

		@Override
		boolean alone(GroupCommit commit) {
			return commit.writeAlone(this.run, this.transition, this.writes, this.now);
		}

	}

	private static final class InsertRequest extends Request {

		final NewRun run;

		final ChangeRecorder.Announcement announcement;

		InsertRequest(NewRun run, Instant now, ChangeRecorder.Announcement announcement) {
			super(now);
			this.run = run;
			this.announcement = announcement;
		}

		@Override
		boolean alone(GroupCommit commit) {
			return commit.store.insert(this.run, this.now);
		}

	}

}
