package io.durableflow.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.durableflow.ChangeListener;
import io.durableflow.DurableFlow;
import io.durableflow.WorkflowChange;
import io.durableflow.change.ChangeRecorder;
import io.durableflow.execution.LeaseState;
import io.durableflow.json.WorkflowJson;
import io.durableflow.execution.WorkflowExecutor;
import io.durableflow.queue.ClaimedRun;
import io.durableflow.store.RunStore;
import io.durableflow.store.commit.QueueClaims;
import io.durableflow.store.commit.RunWrites;
import io.durableflow.dispatch.DurableFlowScheduler;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Drives workflows through time on the test's own thread: runs due work until nothing is
 * due, moves the clock to the next wake-up, delivers events, and checks runs with
 * {@link #assertRun}. Deterministic: no background thread executes anything.
 */
public class DurableFlowTester {

	private static final int MAX_EXECUTIONS = 10_000;

	private static final Duration LEASE = Duration.ofMinutes(5);

	private static final String OWNER = "durableflow-tester";

	private final DurableFlow flow;

	private final RunStore store;

	private final RunWrites runs;

	private final QueueClaims queueClaims;

	private final WorkflowExecutor executor;

	private final MutableClock clock;

	private final JdbcTemplate jdbc;

	private final ObjectProvider<DurableFlowScheduler> scheduler;

	private final WorkflowJson json;

	private final ChangeRecorder changes;

	public DurableFlowTester(DurableFlow flow, RunStore store, RunWrites runs, QueueClaims queueClaims,
			WorkflowExecutor executor, MutableClock clock, JdbcTemplate jdbc,
			ObjectProvider<DurableFlowScheduler> scheduler, WorkflowJson json, ChangeRecorder changes) {
		this.json = json;
		this.changes = changes;
		this.runs = runs;
		this.queueClaims = queueClaims;
		this.flow = flow;
		this.store = store;
		this.executor = executor;
		this.clock = clock;
		this.jdbc = jdbc;
		this.scheduler = scheduler;
	}

	public MutableClock clock() {
		return this.clock;
	}

	/**
	 * Executes due runs, one at a time on this thread, until none is due at the clock's
	 * time. Runs of queues with limits are claimed within them, as a scheduler claims
	 * them: a rate limit counts by the test's clock, so a run it holds back waits until
	 * the clock has moved past the window ({@link #advance}).
	 * @return how many executions ran
	 */
	public int runUntilIdle() {
		DurableFlowScheduler running = this.scheduler.getIfAvailable();
		if (running != null && running.isRunning()) {
			throw new IllegalStateException("A DurableFlow scheduler is running in the background and would race the "
					+ "test; set durableflow.worker.enabled=false in tests that use DurableFlowTester");
		}
		if (this.queueClaims.any()) {
			// the rows claims in limited queues lock; a scheduler records them at its
			// start
			this.queueClaims.declare(OWNER);
		}
		int executions = 0;
		while (true) {
			List<ClaimedRun> claimed = claimOne();
			if (claimed.isEmpty()) {
				return executions;
			}
			if (++executions > MAX_EXECUTIONS) {
				throw new IllegalStateException("Still due work after " + MAX_EXECUTIONS + " executions: a workflow "
						+ "that never parks or finishes? Last run: " + claimed.get(0).runId());
			}
			this.executor.execute(claimed.get(0), new LeaseState());
		}
	}

	private List<ClaimedRun> claimOne() {
		Instant now = this.clock.instant();
		List<ClaimedRun> claimed = this.runs.claim(OWNER, 1, now, LEASE);
		return (claimed.isEmpty()) ? this.queueClaims.claim(OWNER, 1, now, LEASE, 0) : claimed;
	}

	/**
	 * Moves the clock to the next time a run is due (a sleep ending, a retry, a wait
	 * timing out) and runs until idle.
	 * @return the time moved to, or empty when nothing is scheduled
	 */
	public Optional<Instant> advanceToNextWakeUp() {
		Optional<Instant> next = this.store.nextDueAt();
		next.filter((due) -> due.isAfter(this.clock.instant())).ifPresent(this.clock::set);
		runUntilIdle();
		return next;
	}

	/**
	 * Moves the clock to the next time {@code runId} is due, if that is later than now,
	 * and runs until idle (other runs due by then run too).
	 * @return the time moved to, or empty when the run is not scheduled (finished, or
	 * waiting without a timeout)
	 */
	public Optional<Instant> advanceToNextWakeUp(String runId) {
		Optional<Instant> next = this.store.nextDueAt(runId);
		next.filter((time) -> time.isAfter(this.clock.instant())).ifPresent(this.clock::set);
		runUntilIdle();
		return next;
	}

	/**
	 * Runs {@code action} and returns every change it made, in the order listeners
	 * receive them, once they have all been handed on (for example
	 * {@code tester.captureChanges(tester::runUntilIdle)}).
	 */
	public List<WorkflowChange> captureChanges(Runnable action) {
		List<WorkflowChange> captured = new java.util.concurrent.CopyOnWriteArrayList<>();
		ChangeListener listener = captured::addAll;
		this.changes.addListener(listener);
		try {
			action.run();
			if (!this.changes.awaitDelivered(Duration.ofSeconds(10))) {
				throw new IllegalStateException("The changes were not handed on within 10 s");
			}
			return List.copyOf(captured);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for the changes", ex);
		}
		finally {
			this.changes.removeListener(listener);
		}
	}

	/** The id of the run of {@code workflowName} started last, if there is one. */
	public Optional<String> latestRunOf(String workflowName) {
		return this.jdbc
			.queryForList(
					"SELECT run_id FROM durableflow.workflow_runs WHERE workflow_name = ? ORDER BY id DESC LIMIT 1",
					String.class, workflowName)
			.stream()
			.findFirst();
	}

	/**
	 * Deletes every run, step, wait, event and log, so a test starts from an empty engine
	 * (the schema and the registered workflows stay).
	 */
	public void clear() {
		this.jdbc.execute("DELETE FROM durableflow.workflow_logs");
		this.jdbc.execute("DELETE FROM durableflow.workflow_waits");
		this.jdbc.execute("DELETE FROM durableflow.workflow_steps");
		this.jdbc.execute("DELETE FROM durableflow.workflow_events");
		this.jdbc.execute("DELETE FROM durableflow.workflow_runs");
	}

	/** Moves the clock forward and runs until idle. */
	public void advance(Duration duration) {
		this.clock.advance(duration);
		runUntilIdle();
	}

	/** Delivers an event and runs until idle. */
	public int notifyAndDrain(String eventName, Map<String, ?> payload) {
		int matched = this.flow.notify(eventName, payload);
		runUntilIdle();
		return matched;
	}

	/** Checks of one run, as it stands in the database now. */
	public RunAssert assertRun(String runId) {
		return new RunAssert(runId, this.flow, this.jdbc, this.json);
	}

}
