package io.durableflow.store.commit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.durableflow.store.RunIdOrder;
import io.durableflow.RunStatus;
import io.durableflow.queue.ClaimedRun;
import io.durableflow.store.commit.EventStore;
import io.durableflow.store.RunTransition;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Resumes the runs waiting for a run that finished ({@code flow.waitForWorkflow}). A
 * waiter marks the run it waits for as awaited ({@link WaitWrites#markAwaited}); the
 * write that finishes a marked run reports the mark it saw under its row lock, and its
 * waiters are then resumed here, right after that commit and before its worker goes on. A
 * crash in between leaves the mark, and {@link #sweep(Instant)} finds it (docs/ENGINE.md,
 * invariant 8).
 */
public class FinishedRunNotifier {

	private static final Log logger = LogFactory.getLog(FinishedRunNotifier.class);

	private static final String CLEAR_AWAITED = """
			UPDATE durableflow.workflow_runs SET awaited = false
			WHERE run_id = ANY (?) AND awaited AND status IN ('completed', 'failed', 'cancelled')""";

	/**
	 * Finished runs whose waiters may not have been resumed: marked and finished, or
	 * named by a pending wait (waits recorded before the mark existed, or by an instance
	 * of an older version).
	 */
	private static final String FINISHED_AWAITED = """
			SELECT r.run_id, r.status, r.output::text AS output, r.error::text AS error FROM durableflow.workflow_runs r
			WHERE r.awaited AND r.status IN ('completed', 'failed', 'cancelled')
			UNION
			SELECT r.run_id, r.status, r.output::text, r.error::text FROM durableflow.workflow_waits w
			JOIN durableflow.workflow_runs r ON r.run_id = w.match->>'run_id'
			WHERE w.event_name = 'durableflow.workflow_finished' AND w.status = 'pending'
			  AND r.status IN ('completed', 'failed', 'cancelled')
			LIMIT 100""";

	private final EventStore events;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	public FinishedRunNotifier(EventStore events, JdbcTemplate jdbc, TransactionTemplate transactions) {
		this.events = events;
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	/**
	 * Resumes the waiters of runs that finished awaited, and clears the mark, in one
	 * transaction. The wait of every waiter that marked the run committed before the
	 * finishing statement locked the row, so this later statement sees it; a crash before
	 * this commit leaves the mark for the sweep.
	 */
	void resumeWaiters(List<Finished> finished, Instant now) {
		// in run-id order: the children of one parent (ids prefixed by the parent's)
		// resume it one after the other, so two transactions resuming the same waiters
		// lock them in the same order (a step graph waits for several children at once)
		List<Finished> ordered = new java.util.ArrayList<>(finished);
		ordered.sort(java.util.Comparator.comparing(Finished::runId, RunIdOrder.BY_CODE_POINTS));
		for (int attempt = 1;; attempt++) {
			try {
				this.transactions.executeWithoutResult((status) -> {
					ordered.forEach((done) -> deliver(done, now));
					clearAwaited(finished);
				});
				return;
			}
			catch (org.springframework.dao.TransientDataAccessException ex) {
				// a deadlock with a waiter's own write (it locks itself, then what it
				// waits for): once more at once, rather than the sweep's 10 s later
				if (attempt < 3) {
					continue;
				}
				warn(finished, ex);
				return;
			}
			catch (RuntimeException ex) {
				warn(finished, ex);
				return;
			}
		}
	}

	private static void warn(List<Finished> finished, RuntimeException ex) {
		logger.warn("DurableFlow could not resume the waiters of " + finished.size() + " finished run(s) now ("
				+ ex.getMessage() + "); the sweep does it shortly");
	}

	/**
	 * Resumes the waiters of runs that finished, in the caller's transaction, after the
	 * statement that finished them locked their rows: a waiter that committed its wait
	 * before that lock is seen by these later statements, and one that comes later finds
	 * the run finished.
	 */
	void resumeWaitersInTransaction(List<Finished> finished, Instant now) {
		Map<String, Finished> byRun = new HashMap<>();
		finished.forEach((done) -> byRun.put(done.runId(), done));
		List<String> awaited = new java.util.ArrayList<>(this.events.awaitedRuns(byRun.keySet()));
		awaited.sort(RunIdOrder.BY_CODE_POINTS);
		awaited.forEach((runId) -> deliver(byRun.get(runId), now));
		clearAwaited(finished);
	}

	/**
	 * Finds finished runs still marked awaited, whose waiters were not resumed (a crash
	 * or an error in between), and resumes them. Run by housekeeping on every instance;
	 * the deliveries consume each wait once, so instances sweeping at the same time
	 * resume each waiter once.
	 * @return how many finished runs it found
	 */
	public int sweep(Instant now) {
		List<Finished> left = this.jdbc.query(FINISHED_AWAITED, (rs, n) -> new Finished(rs.getString("run_id"),
				RunStatus.fromDb(rs.getString("status")), rs.getString("output"), rs.getString("error")));
		if (!left.isEmpty()) {
			resumeWaiters(left, now);
		}
		return left.size();
	}

	private void clearAwaited(List<Finished> finished) {
		this.jdbc.execute((Connection connection) -> {
			try (PreparedStatement ps = connection.prepareStatement(CLEAR_AWAITED)) {
				ps.setArray(1, connection.createArrayOf("text", finished.stream().map(Finished::runId).toArray()));
				return ps.executeUpdate();
			}
		});
	}

	private void deliver(Finished done, Instant now) {
		this.events.deliverFinished(done.runId(), done.status(), done.outputJson(), done.errorJson(), now);
	}

	/** A run that finished with a write, for its waiters. */
	record Finished(String runId, RunStatus status, String outputJson, String errorJson) {

		/**
		 * The run {@code transition} finishes, or {@code null} if it does not finish it.
		 */
		static Finished of(ClaimedRun run, RunTransition transition) {
			RunStatus status = transition.finalStatus();
			return (status != null) ? new Finished(run.runId(), status, transition.outputJson(), transition.errorJson())
					: null;
		}

	}

}
