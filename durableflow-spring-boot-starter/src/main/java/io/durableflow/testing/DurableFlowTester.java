package io.durableflow.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.durableflow.DurableFlow;
import io.durableflow.execution.LeaseState;
import io.durableflow.json.WorkflowJson;
import io.durableflow.execution.WorkflowExecutor;
import io.durableflow.queue.ClaimedRun;
import io.durableflow.store.RunStore;
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

	private final DurableFlow flow;

	private final RunStore store;

	private final RunWrites runs;

	private final WorkflowExecutor executor;

	private final MutableClock clock;

	private final JdbcTemplate jdbc;

	private final ObjectProvider<DurableFlowScheduler> scheduler;

	private final WorkflowJson json;

	public DurableFlowTester(DurableFlow flow, RunStore store, RunWrites runs, WorkflowExecutor executor,
			MutableClock clock, JdbcTemplate jdbc, ObjectProvider<DurableFlowScheduler> scheduler, WorkflowJson json) {
		this.json = json;
		this.runs = runs;
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
	 * time.
	 * @return how many executions ran
	 */
	public int runUntilIdle() {
		DurableFlowScheduler running = this.scheduler.getIfAvailable();
		if (running != null && running.isRunning()) {
			throw new IllegalStateException("A DurableFlow scheduler is running in the background and would race the "
					+ "test; set durableflow.worker.enabled=false in tests that use DurableFlowTester");
		}
		int executions = 0;
		while (true) {
			List<ClaimedRun> claimed = this.runs.claim("durableflow-tester", 1, this.clock.instant(), LEASE);
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
