package io.durableflow.it;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.durableflow.DurableFlow;
import io.durableflow.RunStatus;
import io.durableflow.StartOptions;
import io.durableflow.test.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A worker JVM is killed with SIGKILL in the middle of a step. Another instance takes its
 * runs over once the lease expires and completes them; every step recorded as completed
 * before the kill ran exactly once.
 */
class KillTests {

	@Test
	void runsOfAKilledWorkerAreTakenOverAndCompletedWithoutRepeatingRecordedSteps() throws Exception {
		String url = TestDatabase.newDatabase();
		JdbcTemplate jdbc = new JdbcTemplate(new SimpleDriverDataSource(new org.postgresql.Driver(), url));
		// a context without workers creates the schema and starts the runs; it executes
		// nothing
		try (ConfigurableApplicationContext starter = Contexts.start(url, "durableflow.worker.enabled=false")) {
			MarkedWorkflow.createTable(jdbc);
			DurableFlow flow = starter.getBean(DurableFlow.class);
			List<String> runs = new ArrayList<>();
			runs.add(flow.start("marked", "victim", StartOptions.builder().runId("victim").build()).runId());
			for (int i = 0; i < 40; i++) {
				runs.add(flow.start("marked", "bystander", StartOptions.defaults()).runId());
			}

			Process worker = startWorker(url);
			try {
				await().atMost(Duration.ofSeconds(60))
					.pollInterval(Duration.ofMillis(50))
					.until(() -> jdbc.queryForObject(
							"SELECT count(*) FROM public.probe_marks WHERE run_id = 'victim' AND step = 'middle'",
							Integer.class) == 1);
				assertThat(jdbc.queryForObject("SELECT status FROM durableflow.workflow_runs WHERE run_id = 'victim'",
						String.class))
					.isEqualTo("running");
			}
			finally {
				// SIGKILL on Linux: no shutdown hook, no lease release
				worker.destroyForcibly();
				assertThat(worker.waitFor(30, TimeUnit.SECONDS)).isTrue();
			}
			assertThat(worker.exitValue()).isEqualTo(137);
			List<Map<String, Object>> recordedBeforeKill = jdbc
				.queryForList("SELECT run_id, name FROM durableflow.workflow_steps WHERE status = 'completed'");
			assertThat(recordedBeforeKill).isNotEmpty();

			try (ConfigurableApplicationContext survivor = Contexts.start(url, "durableflow.lease.ttl=2s")) {
				await().atMost(Duration.ofSeconds(60))
					.pollInterval(Duration.ofMillis(100))
					.until(() -> jdbc.queryForObject(
							"SELECT count(*) FROM durableflow.workflow_runs WHERE status = 'completed'", Integer.class),
							(done) -> done == runs.size());
			}

			for (Map<String, Object> step : recordedBeforeKill) {
				assertThat(jdbc.queryForObject("SELECT count(*) FROM public.probe_marks WHERE run_id = ? AND step = ?",
						Integer.class, step.get("run_id"), step.get("name")))
					.as("executions of %s/%s, recorded before the kill", step.get("run_id"), step.get("name"))
					.isEqualTo(1);
			}
			assertThat(jdbc.queryForObject(
					"SELECT count(*) FROM public.probe_marks WHERE run_id = 'victim' AND step = 'middle'",
					Integer.class))
				.as("the step killed mid-way ran again")
				.isEqualTo(2);
			assertThat(jdbc.queryForObject(
					"SELECT count(*) FROM public.probe_marks WHERE run_id = 'victim' AND step = 'first'",
					Integer.class))
				.isEqualTo(1);
			assertThat(jdbc.queryForObject("SELECT executions FROM durableflow.workflow_runs WHERE run_id = 'victim'",
					Integer.class))
				.isEqualTo(2);
			assertThat(flow.find("victim").orElseThrow().status()).isEqualTo(RunStatus.COMPLETED);
		}
	}

	static Process startWorker(String url, String... properties) throws Exception {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Path log = Files.createTempFile("durableflow-worker", ".log");
		List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
				WorkerProcess.class.getName(), url, "durableflow.lease.ttl=3s", "durableflow.worker.concurrency=4"));
		command.addAll(List.of(properties));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
			if (!process.isAlive()) {
				throw new IllegalStateException("worker JVM died: " + Files.readString(log));
			}
			return Files.readString(log).contains("WORKER-READY");
		});
		new File(log.toString()).deleteOnExit();
		return process;
	}

}
