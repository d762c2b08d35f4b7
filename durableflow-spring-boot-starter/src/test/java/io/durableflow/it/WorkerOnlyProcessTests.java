package io.durableflow.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * A worker-only application in a JVM of its own ({@link WorkerOnlyApp}: no web server, no
 * keep-alive, its {@code main} returns once started) keeps running while its scheduler
 * runs and executes the runs this test starts. On SIGTERM it stops by itself: the
 * execution that fits into the shutdown timeout finishes, the one that does not is
 * released (pending, due, no lease), the JVM exits although that step ignores interrupts,
 * and completed runs stay completed.
 */
class WorkerOnlyProcessTests {

	private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(3);

	@Test
	void aWorkerOnlyApplicationRunsUntilSigtermThenReleasesWhatItCouldNotFinishAndExits() throws Exception {
		String url = TestDatabase.newDatabase();
		JdbcTemplate jdbc = new JdbcTemplate(new SimpleDriverDataSource(new org.postgresql.Driver(), url));
		// this context creates the schema and starts runs; with workers off it executes
		// nothing
		try (ConfigurableApplicationContext starter = Contexts.start(url, "durableflow.worker.enabled=false")) {
			MarkedWorkflow.createTable(jdbc);
			DurableFlow flow = starter.getBean(DurableFlow.class);
			Path log = Files.createTempFile("durableflow-worker-only", ".log");
			Process worker = startWorker(url, log);
			try {
				// it executes the runs started here and is still there 5 s after
				// start-up; the failure this catches: main has returned, every
				// DurableFlow thread is a daemon, the JVM exits
				long ready = System.nanoTime();
				List<String> completed = new ArrayList<>();
				for (int i = 0; i < 5; i++) {
					completed
						.add(flow.start("three-steps", new TestWorkflows.Order("o-" + i, i), StartOptions.defaults())
							.runId());
				}
				for (String runId : completed) {
					awaitCompleted(flow, runId, worker, ready, log);
				}
				long aliveFor = Duration.ofSeconds(5).toNanos() - (System.nanoTime() - ready);
				if (worker.waitFor(Math.max(0, aliveFor), TimeUnit.NANOSECONDS)) {
					fail(exitedByItself(worker, ready, log));
				}

				// one step shorter than the shutdown timeout, one far longer (and deaf to
				// interrupts)
				flow.start("napping-step", 1_000L, StartOptions.builder().runId("short").build());
				flow.start("napping-step", 120_000L, StartOptions.builder().runId("long").build());
				await().atMost(Duration.ofSeconds(15))
					.pollInterval(Duration.ofMillis(20))
					.until(() -> jdbc.queryForObject("SELECT count(*) FROM public.probe_marks WHERE step = 'nap-begin'",
							Integer.class) == 2);
				String owner = jdbc.queryForObject(
						"SELECT lease_owner FROM durableflow.workflow_runs WHERE run_id = 'long'", String.class);
				assertThat(owner).as("lease owner of the long run before SIGTERM").isNotNull();

				long signalled = System.nanoTime();
				// SIGTERM on Linux: Spring's shutdown hook closes the context
				worker.destroy();
				boolean exited = worker.waitFor(30, TimeUnit.SECONDS);
				long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signalled);
				assertThat(exited).as("worker exited within 30 s of SIGTERM; log:%n%s", read(log)).isTrue();
				assertThat(worker.exitValue()).as("exit code (128 + SIGTERM); log:%n%s", read(log)).isEqualTo(143);
				// the scheduler waited its shutdown timeout for the long step before it
				// gave it up
				assertThat(tookMillis).as("time from SIGTERM to exit")
					.isGreaterThanOrEqualTo(SHUTDOWN_TIMEOUT.toMillis());

				assertThat(flow.find("short").orElseThrow().status()).as("the step that fits into the shutdown timeout")
					.isEqualTo(RunStatus.COMPLETED);
				assertThat(flow.find("long").orElseThrow().status()).as("the step that does not")
					.isEqualTo(RunStatus.PENDING);
				assertThat(jdbc.queryForObject(
						"SELECT lease_owner IS NULL AND lease_expires_at IS NULL "
								+ "AND next_due_at <= now() FROM durableflow.workflow_runs WHERE run_id = 'long'",
						Boolean.class))
					.as("the long run is released and due at once")
					.isTrue();
				assertThat(jdbc.queryForObject("SELECT count(*) FROM durableflow.workflow_runs WHERE lease_owner = ?",
						Integer.class, owner))
					.as("runs still leased by the stopped instance")
					.isZero();
				assertThat(jdbc.queryForObject(
						"SELECT count(*) FROM public.probe_marks WHERE run_id = 'long' AND step = 'nap-end'",
						Integer.class))
					.isZero();
				for (String runId : completed) {
					assertThat(flow.find(runId).orElseThrow().status()).isEqualTo(RunStatus.COMPLETED);
				}
				System.out.println("WorkerOnlyProcessTests: SIGTERM to exit " + tookMillis + " ms (shutdown timeout "
						+ SHUTDOWN_TIMEOUT.toMillis() + " ms)");
			}
			finally {
				worker.destroyForcibly();
				worker.waitFor(30, TimeUnit.SECONDS);
				Files.deleteIfExists(log);
			}
		}
	}

	private static void awaitCompleted(DurableFlow flow, String runId, Process worker, long ready, Path log) {
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() -> {
			if (!worker.isAlive()) {
				throw new AssertionError(exitedByItself(worker, ready, log) + "\nwhile run " + runId + " was "
						+ flow.find(runId).orElseThrow().status());
			}
			return flow.find(runId).orElseThrow().status() == RunStatus.COMPLETED;
		});
	}

	private static String exitedByItself(Process worker, long since, Path log) {
		return "the worker-only JVM exited by itself with " + worker.exitValue() + " at most "
				+ TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since) + " ms after start-up; log:\n" + read(log);
	}

	private static Process startWorker(String url, Path log) throws IOException {
		String java = ProcessHandle.current()
			.info()
			.command()
			.orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		Process process = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
				WorkerOnlyApp.class.getName(), "--spring.datasource.url=" + url, "--spring.main.keep-alive=false",
				"--spring.jpa.hibernate.ddl-auto=validate", "--spring.main.banner-mode=off",
				"--logging.level.root=WARN", "--logging.level.io.durableflow=INFO",
				"--durableflow.worker.concurrency=4", "--durableflow.worker.poll-interval=200ms",
				"--durableflow.worker.shutdown-timeout=" + SHUTDOWN_TIMEOUT.toMillis() + "ms",
				"--durableflow.lease.ttl=30s")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		try {
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
				if (!process.isAlive() && !read(log).contains("WORKER-ONLY-READY")) {
					throw new IllegalStateException("worker JVM died during start-up:\n" + read(log));
				}
				return read(log).contains("WORKER-ONLY-READY");
			});
		}
		catch (RuntimeException | Error ex) {
			process.destroyForcibly();
			throw ex;
		}
		return process;
	}

	private static String read(Path log) {
		try {
			return Files.readString(log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
