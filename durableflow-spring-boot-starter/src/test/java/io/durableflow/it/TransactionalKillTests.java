package io.durableflow.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.durableflow.DurableFlow;
import io.durableflow.StartOptions;
import io.durableflow.test.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A worker JVM running many {@link LedgeredWorkflow} runs is killed with SIGKILL while
 * one run hangs inside a transactional step's body, after its insert, and another inside
 * a plain step's. Another instance takes the runs over once their leases expire and
 * completes them: every transactional step's ledger row is there exactly once (the one in
 * flight at the kill was rolled back with its transaction, its body ran again), while a
 * plain step's body can run twice.
 */
class TransactionalKillTests {

	@Test
	void afterAKillEveryTransactionalStepsRowIsThereExactlyOnceWhilePlainStepsMayRepeat() throws Exception {
		String url = TestDatabase.newDatabase();
		JdbcTemplate jdbc = new JdbcTemplate(new SimpleDriverDataSource(new org.postgresql.Driver(), url));
		try (ConfigurableApplicationContext starter = Contexts.start(url, "durableflow.worker.enabled=false")) {
			LedgeredWorkflow.createTables(jdbc);
			DurableFlow flow = starter.getBean(DurableFlow.class);
			List<String> runs = new ArrayList<>();
			runs.add(flow.start("ledgered", "victim-tx", StartOptions.builder().runId("victim-tx").build()).runId());
			runs.add(flow.start("ledgered", "victim-plain", StartOptions.builder().runId("victim-plain").build())
				.runId());
			for (int i = 0; i < 40; i++) {
				runs.add(flow.start("ledgered", "bystander", StartOptions.defaults()).runId());
			}

			Process worker = KillTests.startWorker(url);
			try {
				await().atMost(Duration.ofSeconds(90))
					.pollInterval(Duration.ofMillis(50))
					.until(() -> jdbc
						.queryForObject("SELECT count(*) FROM public.tx_entered "
								+ "WHERE run_id = 'victim-tx' AND step = 'tx-2'", Integer.class) == 1
							&& jdbc.queryForObject(
									"SELECT count(*) FROM public.plain_marks "
											+ "WHERE run_id = 'victim-plain' AND step = 'plain-2'",
									Integer.class) == 1);
				// the victim's insert is made, not committed
				assertThat(jdbc.queryForObject(
						"SELECT count(*) FROM public.tx_ledger WHERE run_id = 'victim-tx' AND step = 'tx-2'",
						Integer.class))
					.isZero();
			}
			finally {
				// SIGKILL on Linux: no shutdown hook, no lease release, no rollback sent
				worker.destroyForcibly();
				assertThat(worker.waitFor(30, TimeUnit.SECONDS)).isTrue();
			}
			assertThat(worker.exitValue()).isEqualTo(137);
			List<Map<String, Object>> doneAtKill = jdbc.queryForList(
					"SELECT run_id, name FROM durableflow.workflow_steps WHERE status = 'completed' AND name LIKE 'tx-%'");
			assertThat(doneAtKill).isNotEmpty();
			assertThat(jdbc.queryForObject("SELECT count(*) FROM durableflow.workflow_runs WHERE status = 'completed'",
					Integer.class))
				.as("the kill came mid-way")
				.isLessThan(runs.size());

			try (ConfigurableApplicationContext survivor = Contexts.start(url, "durableflow.lease.ttl=2s")) {
				await().atMost(Duration.ofSeconds(120))
					.pollInterval(Duration.ofMillis(100))
					.until(() -> jdbc.queryForObject(
							"SELECT count(*) FROM durableflow.workflow_runs WHERE status = 'completed'", Integer.class),
							(done) -> done == runs.size());
			}

			// every transactional step of every run: exactly one row, however often its
			// body ran
			List<Map<String, Object>> wrong = jdbc.queryForList(
					"""
							SELECT s.run_id, s.name, (SELECT count(*) FROM public.tx_ledger l
							    WHERE l.run_id = s.run_id AND l.step = s.name) AS rows
							FROM durableflow.workflow_steps s WHERE s.name LIKE 'tx-%'
							    AND (SELECT count(*) FROM public.tx_ledger l WHERE l.run_id = s.run_id AND l.step = s.name) <> 1""");
			assertThat(wrong).isEmpty();
			assertThat(jdbc.queryForObject("SELECT count(*) FROM public.tx_ledger", Integer.class))
				.isEqualTo(runs.size() * LedgeredWorkflow.PAIRS);
			assertThat(jdbc.queryForObject(
					"SELECT count(*) FROM durableflow.workflow_steps WHERE name LIKE 'tx-%' AND status = 'completed'",
					Integer.class))
				.isEqualTo(runs.size() * LedgeredWorkflow.PAIRS);
			// the victim's body ran twice, once on each JVM; one row
			assertThat(jdbc.queryForList(
					"SELECT pid FROM public.tx_entered WHERE run_id = 'victim-tx' AND step = 'tx-2' ORDER BY id",
					Long.class))
				.hasSize(2)
				.doesNotHaveDuplicates();
			assertThat(jdbc.queryForObject(
					"SELECT count(*) FROM public.tx_ledger WHERE run_id = 'victim-tx' AND step = 'tx-2'",
					Integer.class))
				.isEqualTo(1);
			// the transactional steps recorded before the kill did not run again
			for (Map<String, Object> step : doneAtKill) {
				assertThat(jdbc.queryForObject("SELECT count(*) FROM public.tx_entered WHERE run_id = ? AND step = ?",
						Integer.class, step.get("run_id"), step.get("name")))
					.as("bodies of %s/%s, recorded before the kill", step.get("run_id"), step.get("name"))
					.isEqualTo(1);
			}
			// a plain step's body committed its mark before the kill and ran again after
			// it
			assertThat(jdbc.queryForObject(
					"SELECT count(*) FROM public.plain_marks WHERE run_id = 'victim-plain' AND step = 'plain-2'",
					Integer.class))
				.isEqualTo(2);
			Integer repeatedPlain = jdbc
				.queryForObject("SELECT count(*) FROM (SELECT run_id, step FROM public.plain_marks "
						+ "GROUP BY run_id, step HAVING count(*) > 1) t", Integer.class);
			Integer repeatedBodies = jdbc
				.queryForObject("SELECT count(*) FROM (SELECT run_id, step FROM public.tx_entered "
						+ "GROUP BY run_id, step HAVING count(*) > 1) t", Integer.class);
			System.out.println("TransactionalKillTests: " + runs.size() + " runs, plain steps run more than once: "
					+ repeatedPlain + ", transactional bodies run more than once: " + repeatedBodies
					+ ", duplicate ledger rows: 0");
		}
	}

}
