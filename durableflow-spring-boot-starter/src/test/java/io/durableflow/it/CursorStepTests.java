package io.durableflow.it;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.durableflow.DurableFlow;
import io.durableflow.StartOptions;
import io.durableflow.test.TestDatabase;
import io.durableflow.testing.DurableFlowTester;
import io.durableflow.testing.EnableDurableFlowTesting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cursor steps resume from the last position they advanced to, and a finished one is
 * skipped.
 */
class CursorStepTests {

	@Test
	void aRetryResumesFromTheLastPositionAndAFinishedLoopIsNotRunAgain() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(TestApp.class, Testing.class)
			.web(WebApplicationType.NONE)
			.run("--spring.datasource.url=" + TestDatabase.newDatabase(), "--durableflow.worker.enabled=false",
					"--spring.main.banner-mode=off")) {
			DurableFlow flow = context.getBean(DurableFlow.class);
			DurableFlowTester tester = context.getBean(DurableFlowTester.class);
			String runId = flow.start("counting", 100, StartOptions.defaults()).runId();

			tester.runUntilIdle();
			// the first attempt failed at item 50, after advancing to 50: the retry waits
			Map<String, Object> step = context.getBean(JdbcTemplate.class)
				.queryForMap("SELECT kind, status, result::text AS result, attempts FROM durableflow.workflow_steps "
						+ "WHERE run_id = ? AND name = 'count'", runId);
			assertThat(step).containsEntry("kind", "cursor")
				.containsEntry("status", "retrying")
				.containsEntry("result", "50")
				.containsEntry("attempts", 1);

			tester.advanceToNextWakeUp(runId); // the retry: from item 50 to the end, then
												// the rest
			tester.advanceToNextWakeUp(runId); // the sleep ends: a replay passes the
												// finished loop

			tester.assertRun(runId).isCompleted().hasOutput(Integer.class, 100).hasStepSucceeded("count");
			for (int i = 0; i < 100; i++) {
				assertThat(Probe.count(runId, "item-" + i)).as("runs of item %d", i).isEqualTo((i == 50) ? 2 : 1);
			}
			assertThat(context.getBean(JdbcTemplate.class)
				.queryForObject(
						"SELECT result::text FROM durableflow.workflow_steps WHERE run_id = ? AND name = 'count'",
						String.class, runId))
				.isEqualTo("100");
		}
	}

	@ParameterizedTest(name = "writer.batch-size={0}")
	@ValueSource(ints = { 64, 1 })
	void anAdvanceExtendsTheLeaseOnceAThirdOfItHasPassedSoALoopOfSlowItemsKeepsItWithoutAHeartbeat(int batchSize) {
		// batch size 1: each advance is a write of its own (FencedWriter); 64: it goes
		// through the shared commit (BatchStatement)
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(TestApp.class, Testing.class)
			.web(WebApplicationType.NONE)
			.run("--spring.datasource.url=" + TestDatabase.newDatabase(), "--durableflow.worker.enabled=false",
					"--durableflow.lease.ttl=10s", "--durableflow.writer.batch-size=" + batchSize,
					"--spring.main.banner-mode=off")) {
			DurableFlow flow = context.getBean(DurableFlow.class);
			DurableFlowTester tester = context.getBean(DurableFlowTester.class);
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			String runId = flow.start("slow-items", 5, StartOptions.defaults()).runId();
			List<String> seen = new ArrayList<>();
			List<AssertionError> failures = new ArrayList<>();
			// no heartbeat runs here (the tester executes on the test's thread, its clock
			// stands still but for what the test moves): items take 7 s of a 10 s lease
			// (35 s in all), but for item 2, 1 s: its advance leaves the lease as it was
			CursorWorkflows.SlowItems.beforeAdvance = (item) -> tester.clock()
				.advance(Duration.ofSeconds((item == 2) ? 1 : 7));
			CursorWorkflows.SlowItems.afterAdvance = (item) -> {
				try {
					checkLease(jdbc, tester, runId, item, seen, (item == 2) ? 1 : 0);
				}
				catch (AssertionError failure) {
					failures.add(failure);
				}
			};
			try {
				assertThat(tester.runUntilIdle()).isEqualTo(1);
			}
			finally {
				CursorWorkflows.SlowItems.beforeAdvance = (item) -> {
				};
				CursorWorkflows.SlowItems.afterAdvance = (item) -> {
				};
			}
			assertThat(failures).isEmpty();
			tester.assertRun(runId).isCompleted().hasOutput(Integer.class, 5).hasStepSucceeded("items");
			// one lease all along (the token of the one claim), each advance recorded
			assertThat(seen).hasSize(5);
			assertThat(seen.stream().map((entry) -> entry.substring(0, entry.indexOf('@')))).containsExactly("1", "2",
					"3", "4", "5");
			assertThat(seen.stream().map((entry) -> entry.substring(entry.indexOf('@'))).distinct()).hasSize(1);
			assertThat(jdbc.queryForObject(
					"SELECT lease_owner IS NULL AND lease_expires_at IS NULL FROM durableflow.workflow_runs "
							+ "WHERE run_id = ?",
					Boolean.class, runId))
				.isTrue();
		}
	}

	/** The lease runs 10 s from the advance {@code earlier} seconds ago. */
	private static void checkLease(JdbcTemplate jdbc, DurableFlowTester tester, String runId, int item,
			List<String> seen, int earlier) {
		Map<String, Object> row = jdbc
			.queryForMap(
					"SELECT status, lease_owner, lease_expires_at, next_due_at, lease_token, "
							+ "(SELECT result::text FROM durableflow.workflow_steps s WHERE s.run_id = r.run_id "
							+ "AND s.name = 'items') AS position FROM durableflow.workflow_runs r WHERE run_id = ?",
					runId);
		Instant expected = tester.clock().instant().plus(Duration.ofSeconds(10 - earlier));
		assertThat(row.get("status")).isEqualTo("running");
		assertThat(row.get("lease_owner")).isNotNull();
		assertThat(((Timestamp) row.get("lease_expires_at")).toInstant()).as("lease after item %d", item)
			.isEqualTo(expected);
		assertThat(((Timestamp) row.get("next_due_at")).toInstant()).isEqualTo(expected);
		seen.add(row.get("position") + "@" + row.get("lease_token"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableDurableFlowTesting
	static class Testing {

	}

}
