package io.durableflow.it;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.durableflow.queue.ClaimedRun;
import io.durableflow.store.StepKind;
import io.durableflow.StepStatus;
import io.durableflow.RunStatus;
import io.durableflow.store.commit.RunWrites;
import io.durableflow.store.commit.EventStore;
import io.durableflow.store.commit.GroupCommit;
import io.durableflow.store.NewRun;
import io.durableflow.queue.NextClaim;
import io.durableflow.store.PendingWrites;
import io.durableflow.store.RunStore;
import io.durableflow.store.RunTransition;
import io.durableflow.store.StepWrite;
import io.durableflow.test.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Group commit: concurrent engine writes share commits, yet each keeps its own fence and
 * its own outcome; one bad write fails only its caller; a finished run's waiters are told
 * even when the telling was cut short. Workers are off: the test plays the workers.
 */
class GroupCommitTests {

	private static final int RUNS = 40;

	@Test
	void concurrentWritesShareCommitsAndEachKeepsItsOwnFence() throws Exception {
		try (ConfigurableApplicationContext context = Contexts.start(TestDatabase.newDatabase(),
				"durableflow.worker.enabled=false")) {
			GroupCommit commits = context.getBean(GroupCommit.class);
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			List<ClaimedRun> runs = startAndClaim(context, commits);

			// five runs are taken over by another worker: their writes must be refused,
			// the others written
			List<String> takenOver = runs.subList(0, 5).stream().map(ClaimedRun::runId).toList();
			takenOver.forEach((runId) -> jdbc
				.update("UPDATE durableflow.workflow_runs SET lease_token = lease_token + 1 WHERE run_id = ?", runId));

			List<Boolean> results = together(runs,
					(run) -> commits.write(run, transitionFor(run), writes(step("work", "completed")), Instant.now()));

			for (int i = 0; i < RUNS; i++) {
				assertThat(results.get(i)).as(runs.get(i).runId()).isEqualTo(!takenOver.contains(runs.get(i).runId()));
			}
			assertThat(jdbc.queryForObject("SELECT count(*) FROM durableflow.workflow_steps WHERE run_id = ANY (?)",
					Integer.class, (Object) takenOver.toArray(String[]::new)))
				.isZero();
			assertThat(jdbc.queryForObject("SELECT count(*) FROM durableflow.workflow_steps", Integer.class))
				.isEqualTo(RUNS - 5);
			// the odd runs completed, the even ones are still running (a step in the
			// middle of a run)
			assertThat(jdbc.queryForList("SELECT status FROM durableflow.workflow_runs WHERE run_id = ANY (?)",
					String.class,
					(Object) runs.subList(5, RUNS).stream().map(ClaimedRun::runId).toArray(String[]::new)))
				.containsOnly("completed", "running")
				.contains("completed", "running");
			assertThat(jdbc.queryForObject("""
					SELECT count(*) FROM durableflow.workflow_runs
					WHERE status = 'completed' AND (output->>'n')::int = 1 AND finished_at IS NOT NULL
					  AND next_due_at IS NULL AND lease_owner IS NULL""", Integer.class)).isEqualTo(18);
			// forty writers at once: far fewer commits than writes (rows of one commit
			// share its xmin)
			assertThat(jdbc.queryForObject("SELECT count(DISTINCT xmin::text) FROM durableflow.workflow_steps",
					Integer.class))
				.isLessThan(RUNS - 5);
		}
	}

	@Test
	void endingWritesClaimEachWorkerItsNextRunInTheSameCommit() throws Exception {
		try (ConfigurableApplicationContext context = Contexts.start(TestDatabase.newDatabase(),
				"durableflow.worker.enabled=false")) {
			GroupCommit commits = context.getBean(GroupCommit.class);
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			List<ClaimedRun> running = startAndClaim(context, commits, RUNS, RUNS / 2);
			List<String> first = running.stream().map(ClaimedRun::runId).toList();

			// a write that does not end the execution claims nothing
			NextClaim touching = new NextClaim("test-worker", Duration.ofMinutes(5));
			assertThat(commits.write(running.get(0), new RunTransition.Touch(), writes(step("work", "completed")),
					Instant.now().plusSeconds(1), touching))
				.isTrue();
			assertThat(touching.claimed()).isNull();

			List<NextClaim> nexts = new ArrayList<>();
			running.forEach((run) -> nexts.add(new NextClaim("test-worker", Duration.ofMinutes(5))));
			List<Boolean> results = together(running, (run) -> commits.write(run, new RunTransition.Complete("1"),
					writes(step("last", "completed")), Instant.now().plusSeconds(1), nexts.get(running.indexOf(run))));

			assertThat(results).containsOnly(true);
			List<String> handed = nexts.stream().map(NextClaim::claimed).map(ClaimedRun::runId).toList();
			// each worker got a run of its own, from those that were due, none of those
			// just completed
			assertThat(handed).doesNotHaveDuplicates().hasSize(RUNS / 2).doesNotContainAnyElementsOf(first);
			for (NextClaim next : nexts) {
				assertThat(next.claimed().leaseToken()).isEqualTo(1);
				assertThat(next.claimed().executions()).isEqualTo(1);
				assertThat(next.claimed().tookOver()).isFalse();
				assertThat(next.claimed().workflowName()).isEqualTo("not-registered");
				assertThat(next.claimed().inputJson()).isEqualTo("{}");
			}
			assertThat(jdbc.queryForObject("""
					SELECT count(*) FROM durableflow.workflow_runs WHERE run_id = ANY (?) AND status = 'running'
					  AND lease_owner = 'test-worker' AND lease_token = 1 AND lease_expires_at > now()""",
					Integer.class, (Object) handed.toArray(String[]::new)))
				.isEqualTo(RUNS / 2);
			assertThat(jdbc.queryForObject("SELECT count(*) FROM durableflow.workflow_runs WHERE status = 'completed'",
					Integer.class))
				.isEqualTo(RUNS / 2);
			// every claim committed with a completion: no claim has a commit of its own
			assertThat(jdbc.queryForObject("""
					SELECT count(*) FROM durableflow.workflow_runs c WHERE c.run_id = ANY (?) AND NOT EXISTS (
					    SELECT 1 FROM durableflow.workflow_runs d WHERE d.status = 'completed' AND d.xmin = c.xmin)""",
					Integer.class, (Object) handed.toArray(String[]::new)))
				.isZero();
		}
	}

	@Test
	void onlyWorkersStillHoldingTheirLeaseAndWantingMoreAreHandedARun() throws Exception {
		try (ConfigurableApplicationContext context = Contexts.start(TestDatabase.newDatabase(),
				"durableflow.worker.enabled=false")) {
			GroupCommit commits = context.getBean(GroupCommit.class);
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			List<ClaimedRun> running = startAndClaim(context, commits, 6, 3);
			// the first was taken over; the second's scheduler is stopping; the third
			// goes on
			jdbc.update("UPDATE durableflow.workflow_runs SET lease_token = lease_token + 1 WHERE run_id = ?",
					running.get(0).runId());
			List<NextClaim> nexts = List.of(new NextClaim("test-worker", Duration.ofMinutes(5)),
					new NextClaim("test-worker", Duration.ofMinutes(5), () -> false),
					new NextClaim("test-worker", Duration.ofMinutes(5)));

			List<Boolean> results = together(running, (run) -> commits.write(run, new RunTransition.Complete("1"),
					writes(step("last", "completed")), Instant.now().plusSeconds(1), nexts.get(running.indexOf(run))));

			assertThat(results).containsExactly(false, true, true);
			assertThat(nexts.get(0).claimed()).isNull();
			assertThat(nexts.get(1).claimed()).isNull();
			assertThat(nexts.get(2).claimed()).isNotNull();
			// one claim in all, whichever batches the three writes fell into
			assertThat(jdbc.queryForObject("SELECT count(*) FROM durableflow.workflow_runs WHERE status = 'pending'",
					Integer.class))
				.isEqualTo(2);
		}
	}

	@Test
	void anEndingWriteNeverClaimsTheRunItWrites() throws Exception {
		try (ConfigurableApplicationContext context = Contexts.start(TestDatabase.newDatabase(),
				"durableflow.worker.enabled=false")) {
			GroupCommit commits = context.getBean(GroupCommit.class);
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			Instant now = Instant.now();
			assertThat(commits.insert(newRun("run-00"), now)).isTrue();
			ClaimedRun run = context.getBean(RunWrites.class)
				.claim("test-worker", 1, now.plusSeconds(1), Duration.ofMinutes(5))
				.get(0);
			assertThat(commits.insert(newRun("run-01"), now)).isTrue();
			// its lease ran out while its worker, still holding the token, went on: the
			// run is due, and due before run-01
			jdbc.update("UPDATE durableflow.workflow_runs SET lease_expires_at = ?, next_due_at = ? WHERE run_id = ?",
					java.sql.Timestamp.from(now.minusSeconds(60)), java.sql.Timestamp.from(now.minusSeconds(60)),
					run.runId());
			NextClaim next = new NextClaim("test-worker", Duration.ofMinutes(5));

			assertThat(commits.write(run, new RunTransition.Park(RunStatus.SLEEPING, now.plusSeconds(3600)),
					writes(step("nap", "sleeping")), Instant.now(), next))
				.isTrue();

			// written in the shared commit, which claimed the other due run
			assertThat(next.claimed()).isNotNull();
			assertThat(next.claimed().runId()).isEqualTo("run-01");
			assertThat(jdbc.queryForMap("SELECT status, lease_token FROM durableflow.workflow_runs WHERE run_id = ?",
					run.runId()))
				.containsEntry("status", "sleeping")
				.containsEntry("lease_token", 1L);
		}
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void aBadWriteInABatchFailsOnlyItsOwnCaller(CapturedOutput output) throws Exception {
		try (ConfigurableApplicationContext context = Contexts.start(TestDatabase.newDatabase(),
				"durableflow.worker.enabled=false")) {
			GroupCommit commits = context.getBean(GroupCommit.class);
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			List<ClaimedRun> runs = startAndClaim(context, commits);
			ClaimedRun bad = runs.get(7);

			List<Object> results = together(runs, (run) -> {
				try {
					// a step the schema refuses (no name; a bad status cannot be
					// expressed any more): the whole batch fails, then each write is
					// tried alone
					return commits.write(run, new RunTransition.Touch(),
							writes(step((run == bad) ? null : "work", "completed")), Instant.now());
				}
				catch (DataIntegrityViolationException ex) {
					return ex;
				}
			});

			for (int i = 0; i < RUNS; i++) {
				if (runs.get(i) == bad) {
					assertThat(results.get(i)).isInstanceOf(DataIntegrityViolationException.class);
				}
				else {
					assertThat(results.get(i)).isEqualTo(true);
				}
			}
			assertThat(jdbc.queryForObject("SELECT count(*) FROM durableflow.workflow_steps WHERE status = 'completed'",
					Integer.class))
				.isEqualTo(RUNS - 1);
			assertThat(jdbc.queryForObject("SELECT count(*) FROM durableflow.workflow_steps WHERE run_id = ?",
					Integer.class, bad.runId()))
				.isZero();
			// a failing shared commit is not silent: the operator hears of it (at most
			// once a minute)
			assertThat(output).containsOnlyOnce("each caller writes its own alone. Said at most once a minute.");
		}
	}

	@Test
	void startsWithOneRunIdInOneBatchInsertOnce() throws Exception {
		try (ConfigurableApplicationContext context = Contexts.start(TestDatabase.newDatabase(),
				"durableflow.worker.enabled=false")) {
			GroupCommit commits = context.getBean(GroupCommit.class);
			List<Integer> attempts = new ArrayList<>();
			for (int i = 0; i < RUNS; i++) {
				attempts.add(i);
			}
			// forty starts of five ids at once: each id is inserted by exactly one of
			// them
			List<Boolean> inserted = together(attempts,
					(i) -> commits.insert(newRun("same-" + (i % 5)), Instant.now()));
			assertThat(inserted.stream().filter(Boolean::booleanValue).count()).isEqualTo(5);
			assertThat(context.getBean(JdbcTemplate.class)
				.queryForObject("SELECT count(*) FROM durableflow.workflow_runs", Integer.class)).isEqualTo(5);
		}
	}

	@Test
	void waitersOfARunThatFinishedAwaitedAreToldBySweepIfTheTellingWasCutShort() {
		waitersLeftWaitingByACrashAreResumedBySweep();
	}

	/**
	 * Invariant 8: the sweep is housekeeping's, not a writer thread's; it runs whatever
	 * the batch size.
	 */
	@Test
	void withWritesAloneTheSweepStillResumesWaitersLeftWaitingByACrash() {
		waitersLeftWaitingByACrashAreResumedBySweep("durableflow.writer.batch-size=1");
	}

	private static void waitersLeftWaitingByACrashAreResumedBySweep(String... properties) {
		String database = TestDatabase.newDatabase();
		Instant now = Instant.now();
		String[] settings = java.util.stream.Stream
			.concat(java.util.stream.Stream.of("durableflow.worker.enabled=false"), java.util.Arrays.stream(properties))
			.toArray(String[]::new);
		try (ConfigurableApplicationContext context = Contexts.start(database, settings)) {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			GroupCommit commits = context.getBean(GroupCommit.class);
			commits.insert(newRun("parent"), now);
			commits.insert(newRun("child"), now);
			// the parent waits for the child; the child finished, marked awaited, and the
			// process died before its waiters were told
			jdbc.update(
					"""
							UPDATE durableflow.workflow_runs SET status = 'waiting', next_due_at = NULL WHERE run_id = 'parent'""");
			jdbc.update("""
					INSERT INTO durableflow.workflow_steps (run_id, name, seq, kind, status, attempts, started_at)
					VALUES ('parent', 'wait-child', 0, 'wait', 'waiting', 0, now())""");
			jdbc.update("""
					INSERT INTO durableflow.workflow_waits (run_id, step_name, event_name, match, status)
					VALUES ('parent', 'wait-child', ?, '{"run_id": "child"}', 'pending')""",
					EventStore.WORKFLOW_FINISHED);
			jdbc.update("""
					UPDATE durableflow.workflow_runs SET status = 'completed', output = '{"n": 7}', awaited = true,
					    next_due_at = NULL, finished_at = now() WHERE run_id = 'child'""");
		}
		// the next instance's housekeeping sweeps at start
		try (ConfigurableApplicationContext context = Contexts.start(database, settings)) {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			assertParentToldOfChild(jdbc, Duration.ofSeconds(10));
			Map<String, Object> step = jdbc.queryForMap(
					"SELECT status, result::text AS result FROM durableflow.workflow_steps WHERE run_id = 'parent'");
			assertThat(step).containsEntry("status", "completed");
			assertThat((String) step.get("result")).contains("\"status\": \"completed\"").contains("\"n\": 7");
		}
	}

	@Test
	void aStaleAndAFreshWorkerOfOneRunInOneBatchOnlyTheFreshOneIsWritten() throws Exception {
		try (ConfigurableApplicationContext context = Contexts.start(TestDatabase.newDatabase(),
				"durableflow.worker.enabled=false", "durableflow.writer.threads=1")) {
			GroupCommit commits = context.getBean(GroupCommit.class);
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			List<ClaimedRun> runs = startAndClaim(context, commits);
			ClaimedRun blocker = runs.get(0);
			ClaimedRun stale = runs.get(1);
			// the run was claimed again (its lease had expired), here: a new token for a
			// second worker
			jdbc.update("UPDATE durableflow.workflow_runs SET lease_token = lease_token + 1 WHERE run_id = ?",
					stale.runId());
			ClaimedRun fresh = new ClaimedRun(stale.runId(), stale.workflowName(), stale.inputJson(),
					stale.leaseToken() + 1, stale.executions() + 1, true, stale.dueAt(), stale.definitionRevision(),
					stale.createdAt(), stale.userId());
			ExecutorService callers = Executors.newFixedThreadPool(3);
			// hold the only writer in a batch that waits for a row lock, so that the next
			// two writes queue up together and share the next batch
			try (java.sql.Connection holder = holdingRowLock(context, blocker.runId())) {
				Future<Boolean> first = callers.submit(() -> commits.write(blocker, new RunTransition.Touch(),
						writes(step("first", "completed")), Instant.now()));
				awaitALockWait(jdbc, Duration.ofSeconds(5));
				Future<Boolean> old = callers.submit(() -> commits.write(stale, new RunTransition.Touch(),
						writes(step("stale", "completed")), Instant.now()));
				Future<Boolean> current = callers.submit(() -> commits.write(fresh, new RunTransition.Touch(),
						writes(step("fresh", "completed")), Instant.now()));
				Thread.sleep(200);
				holder.commit();
				assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
				assertThat(old.get(10, TimeUnit.SECONDS)).isFalse();
				assertThat(current.get(10, TimeUnit.SECONDS)).isTrue();
			}
			finally {
				callers.shutdownNow();
			}
			assertThat(jdbc.queryForList("SELECT name FROM durableflow.workflow_steps WHERE run_id = ?", String.class,
					stale.runId()))
				.containsExactly("fresh");
		}
	}

	@Test
	void aRowLockHeldByALongTransactionHoldsUpOnlyItsOwnRunsWriter() throws Exception {
		try (ConfigurableApplicationContext context = Contexts.start(TestDatabase.newDatabase(),
				"durableflow.worker.enabled=false", "durableflow.writer.threads=1")) {
			GroupCommit commits = context.getBean(GroupCommit.class);
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			List<ClaimedRun> runs = startAndClaim(context, commits);
			ClaimedRun locked = runs.get(0);
			ClaimedRun other = runs.get(1);
			ExecutorService callers = Executors.newFixedThreadPool(2);
			// a caller's long transaction holds the first run's row (as a cancel inside
			// it would)
			try (java.sql.Connection holder = holdingRowLock(context, locked.runId())) {
				Future<Boolean> held = callers.submit(() -> commits.write(locked, new RunTransition.Touch(),
						writes(step("held", "completed")), Instant.now()));
				awaitALockWait(jdbc, Duration.ofSeconds(5));
				Future<Boolean> free = callers.submit(() -> commits.write(other, new RunTransition.Touch(),
						writes(step("free", "completed")), Instant.now()));
				// the shared statement gives up after its timeout; the held write waits
				// on its caller's thread
				assertThat(free.get(6, TimeUnit.SECONDS)).isTrue();
				assertThat(held.isDone()).isFalse();
				holder.commit();
				assertThat(held.get(10, TimeUnit.SECONDS)).isTrue();
			}
			finally {
				callers.shutdownNow();
			}
			assertThat(jdbc.queryForList("SELECT name FROM durableflow.workflow_steps ORDER BY name", String.class))
				.containsExactly("free", "held");
		}
	}

	@Test
	void aWaitCommittedWhileTheFinishingWriteWaitsForTheRowLockIsResumedAtOnce() throws Exception {
		try (ConfigurableApplicationContext context = Contexts.start(TestDatabase.newDatabase(),
				"durableflow.worker.enabled=false")) {
			GroupCommit commits = context.getBean(GroupCommit.class);
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			Instant now = Instant.now();
			commits.insert(newRun("parent"), now);
			commits.insert(newRun("child"), now);
			ClaimedRun child = context.getBean(RunWrites.class)
				.claim("test-worker", 10, now.plusSeconds(1), Duration.ofMinutes(5))
				.stream()
				.filter((run) -> run.runId().equals("child"))
				.findFirst()
				.orElseThrow();
			jdbc.update(
					"UPDATE durableflow.workflow_runs SET status = 'waiting', next_due_at = NULL, lease_owner = NULL "
							+ "WHERE run_id = 'parent'");
			ExecutorService finisher = Executors.newSingleThreadExecutor();
			try (java.sql.Connection waiter = context.getBean(javax.sql.DataSource.class).getConnection()) {
				// the waiter's transaction, as waitForWorkflow writes it: mark the child
				// (holding its row lock), then record the wait
				waiter.setAutoCommit(false);
				try (java.sql.Statement statement = waiter.createStatement()) {
					statement
						.executeUpdate("UPDATE durableflow.workflow_runs SET awaited = true WHERE run_id = 'child'");
					statement.executeUpdate("INSERT INTO durableflow.workflow_steps (run_id, name, seq, kind, status, "
							+ "attempts, started_at) VALUES ('parent', 'wait-child', 0, 'wait', 'waiting', 0, now())");
					statement
						.executeUpdate("INSERT INTO durableflow.workflow_waits (run_id, step_name, event_name, match)"
								+ " VALUES ('parent', 'wait-child', '" + EventStore.WORKFLOW_FINISHED
								+ "', '{\"run_id\": \"child\"}')");
				}
				// the child finishes meanwhile: its write takes its snapshot, then waits
				// for the row lock
				Future<Boolean> finished = finisher.submit(() -> commits.write(child,
						new RunTransition.Complete("{\"n\": 3}"), writes(step("last", "completed")), Instant.now()));
				awaitALockWait(jdbc, Duration.ofSeconds(10));
				waiter.commit();
				assertThat(finished.get(10, TimeUnit.SECONDS)).isTrue();
			}
			finally {
				finisher.shutdownNow();
			}
			// told by the finishing write itself, not by the sweep ten seconds later
			assertParentToldOfChild(jdbc, Duration.ofSeconds(3));
		}
	}

	@Test
	void withBatchSizeOneEveryWriteIsWrittenAlone() throws Exception {
		try (ConfigurableApplicationContext context = Contexts.start(TestDatabase.newDatabase(),
				"durableflow.worker.enabled=false", "durableflow.writer.batch-size=1")) {
			GroupCommit commits = context.getBean(GroupCommit.class);
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			List<ClaimedRun> runs = startAndClaim(context, commits);
			List<Boolean> results = together(runs, (run) -> commits.write(run, new RunTransition.Touch(),
					writes(step("work", "completed")), Instant.now()));
			assertThat(results).containsOnly(true);
			assertThat(jdbc.queryForObject("SELECT count(DISTINCT xmin::text) FROM durableflow.workflow_steps",
					Integer.class))
				.isEqualTo(RUNS);
		}
	}

	/**
	 * Within {@code within}, the wait of run 'parent' for run 'child' matched and
	 * 'parent' became due; the child's awaited mark is cleared.
	 */
	private static void assertParentToldOfChild(JdbcTemplate jdbc, Duration within) {
		await().atMost(within)
			.until(() -> jdbc.queryForObject("SELECT status FROM durableflow.workflow_waits WHERE run_id = 'parent'",
					String.class), "matched"::equals);
		assertThat(jdbc.queryForObject("SELECT status FROM durableflow.workflow_runs WHERE run_id = 'parent'",
				String.class))
			.isEqualTo("pending");
		assertThat(jdbc.queryForObject("SELECT awaited FROM durableflow.workflow_runs WHERE run_id = 'child'",
				Boolean.class))
			.isFalse();
	}

	private static List<ClaimedRun> startAndClaim(ConfigurableApplicationContext context, GroupCommit commits) {
		return startAndClaim(context, commits, RUNS, RUNS);
	}

	/**
	 * Inserts {@code inserted} runs ("run-00", "run-01", …) and claims {@code claimed} of
	 * them, in run-id order.
	 */
	private static List<ClaimedRun> startAndClaim(ConfigurableApplicationContext context, GroupCommit commits,
			int inserted, int claimed) {
		Instant now = Instant.now();
		for (int i = 0; i < inserted; i++) {
			assertThat(commits.insert(newRun(String.format("run-%02d", i)), now)).isTrue();
		}
		List<ClaimedRun> runs = new ArrayList<>(context.getBean(RunWrites.class)
			.claim("test-worker", claimed, now.plusSeconds(1), Duration.ofMinutes(5)));
		runs.sort((a, b) -> a.runId().compareTo(b.runId()));
		assertThat(runs).hasSize(claimed);
		return runs;
	}

	/**
	 * A connection whose open transaction holds the row lock of {@code runId}; committing
	 * it lets go.
	 */
	private static java.sql.Connection holdingRowLock(ConfigurableApplicationContext context, String runId)
			throws java.sql.SQLException {
		java.sql.Connection holder = context.getBean(javax.sql.DataSource.class).getConnection();
		holder.setAutoCommit(false);
		try (java.sql.PreparedStatement lock = holder
			.prepareStatement("SELECT 1 FROM durableflow.workflow_runs WHERE run_id = ? FOR UPDATE")) {
			lock.setString(1, runId);
			lock.execute();
		}
		return holder;
	}

	/**
	 * Waits until some statement waits for a lock (the write under test has taken its
	 * snapshot and blocks).
	 */
	private static void awaitALockWait(JdbcTemplate jdbc, Duration within) {
		await().atMost(within)
			.until(() -> jdbc.queryForObject("SELECT count(*) FROM pg_locks WHERE NOT granted", Integer.class) > 0);
	}

	private static RunTransition transitionFor(ClaimedRun run) {
		int n = Integer.parseInt(run.runId().substring(4));
		return (n % 2 == 1) ? new RunTransition.Complete("{\"n\": 1}") : new RunTransition.Touch();
	}

	private static NewRun newRun(String runId) {
		return new NewRun(runId, "not-registered", "user_git", "live", null, null, "default", "{}", null,
				Instant.now());
	}

	private static StepWrite step(String name, String status) {
		Instant now = Instant.now();
		return new StepWrite(name, 0, StepKind.STEP, StepStatus.fromDb(status), 1, "1", null, null, now, now);
	}

	private static PendingWrites writes(StepWrite step) {
		PendingWrites writes = new PendingWrites();
		writes.step(step, true);
		return writes;
	}

	/**
	 * Calls {@code action} for every item at once, one thread each, and returns the
	 * results in order.
	 */
	private static <T, R> List<R> together(List<T> items, java.util.function.Function<T, R> action) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(items.size());
		try {
			CyclicBarrier barrier = new CyclicBarrier(items.size());
			List<Future<R>> futures = new ArrayList<>();
			for (T item : items) {
				futures.add(pool.submit(() -> {
					barrier.await(10, TimeUnit.SECONDS);
					return action.apply(item);
				}));
			}
			List<R> results = new ArrayList<>();
			for (Future<R> future : futures) {
				results.add(future.get(30, TimeUnit.SECONDS));
			}
			return results;
		}
		finally {
			pool.shutdownNow();
		}
	}

}
