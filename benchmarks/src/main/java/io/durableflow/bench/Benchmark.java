package io.durableflow.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;

import io.durableflow.DurableFlow;
import io.durableflow.RunStatus;
import io.durableflow.StartOptions;
import io.durableflow.WorkflowRunView;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One run, one durable PostgreSQL (fsync and synchronous_commit on): raw JDBC
 * insert+commit per second at 1 and N threads, then the engine's completed three-step
 * workflows per second at N clients and N workers, then start-to-first-step latency on an
 * idle engine. Prints a table and writes it to {@code benchmarks/results/latest.md}. Not
 * a test: nothing here asserts a time.
 */
public final class Benchmark {

	private Benchmark() {
	}

	public static void main(String[] args) throws Exception {
		int threads = Args.integer(args, "--threads", 16);
		int seconds = Args.integer(args, "--seconds", 15);
		int warmup = Args.integer(args, "--warmup", 15);
		int samples = Args.integer(args, "--latency-samples", 200);
		int listRows = Args.integer(args, "--list-rows", 0);
		// on the working disk, never a tmpfs where fsync costs nothing
		Path data = Files.createDirectories(Path.of("benchmarks", "target", "pgdata-" + ProcessHandle.current().pid()));
		try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
			.setDataDirectory(data)
			.setCleanDataDirectory(true)
			.setServerConfig("fsync", "on")
			.setServerConfig("synchronous_commit", "on")
			.setServerConfig("full_page_writes", "on")
			.setServerConfig("max_connections", "300")
			.setServerConfig("shared_buffers", "256MB")
			.setServerConfig("shared_preload_libraries", "pg_stat_statements,auto_explain")
			// --explain-ms N: plans (with actual times) of statements over N ms, in
			// benchmarks/target/pglog
			.setServerConfig("auto_explain.log_min_duration", Integer.toString(Args.integer(args, "--explain-ms", -1)))
			.setServerConfig("auto_explain.log_analyze", "on")
			.setServerConfig("logging_collector", "on")
			.setServerConfig("log_directory", data.toAbsolutePath().resolveSibling("pglog").toString())
			.setServerConfig("pg_stat_statements.track_planning", "on")
			.start()) {
			postmaster = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
			String admin = postgres.getJdbcUrl("postgres", "postgres");
			String settings = settings(admin);
			System.out.println("PostgreSQL: " + settings);
			if (listRows > 0) {
				createDatabase(admin, "bench_list");
				Map<String, double[]> list = ListPageBenchmark.measure(admin.replace("/postgres?", "/bench_list?"),
						listRows, samples);
				String report = ListPageBenchmark.report(listRows, settings, list);
				System.out.println(report);
				Path results = Path.of("benchmarks", "results");
				Files.createDirectories(results);
				Files.writeString(results.resolve("list-page.md"), report);
				return;
			}
			int cursorAdvances = Args.integer(args, "--cursor-advances", 0);
			if (cursorAdvances > 0) {
				CursorBenchmark.run(admin, threads, warmup, seconds, cursorAdvances);
				return;
			}
			if (Arrays.asList(args).contains("--queues")) {
				QueueBenchmark.run(admin, settings, args, threads, warmup, seconds, samples);
				return;
			}
			if (Arrays.asList(args).contains("--step-graph")) {
				StepGraphBenchmark.run(admin, settings, threads, warmup, seconds);
				return;
			}
			if (Arrays.asList(args).contains("--yaml")) {
				GraphBenchmark.run(admin, settings, threads, warmup, seconds, Args.integer(args, "--items", 10_000));
				return;
			}
			if (Arrays.asList(args).contains("--transactional")) {
				TransactionalBenchmark.run(admin, settings, threads, warmup, seconds);
				return;
			}
			if (Arrays.asList(args).contains("--definitions")) {
				DefinitionsBenchmark.run(admin, settings, args);
				return;
			}
			if (Arrays.asList(args).contains("--metadata-plans")) {
				MetadataPlans.run(admin, settings, Args.integer(args, "--backlog", 1_000_000));
				return;
			}
			if (Arrays.asList(args).contains("--queue-plans")) {
				QueuePlans.run(admin, settings, Args.integer(args, "--backlog", 1_000_000));
				return;
			}
			createDatabase(admin, "bench_raw");
			createDatabase(admin, "bench_engine");
			String rawUrl = admin.replace("/postgres?", "/bench_raw?");
			String engineUrl = admin.replace("/postgres?", "/bench_engine?");

			boolean engineOnly = Arrays.asList(args).contains("--engine-only");
			double raw1 = engineOnly ? 0 : RawInserts.rate(rawUrl, 1, warmup, seconds);
			double rawN = engineOnly ? 0 : RawInserts.rate(rawUrl, threads, warmup, seconds);
			System.out.printf("raw insert+commit: %.0f/s on 1 thread, %.0f/s on %d threads%n", raw1, rawN, threads);

			EngineResult engine;
			double[] latency;
			String[] engineArgs = Arrays.stream(args)
				.filter((arg) -> arg.startsWith("--durableflow."))
				.toArray(String[]::new);
			try (ConfigurableApplicationContext context = engine(engineUrl, threads, engineArgs)) {
				// --setup-sql "...": what-if measurements (an index dropped, say) on the
				// engine's migrated schema
				String setup = Args.string(args, "--setup-sql", null);
				if (setup != null) {
					context.getBean(org.springframework.jdbc.core.JdbcTemplate.class).execute(setup);
				}
				engine = engineThroughput(context, threads, warmup, seconds, Args.integer(args, "--running", 0));
				System.out.printf(
						"engine: %.0f workflows/s, %.0f steps/s on %d clients + %d workers; CPU per workflow: "
								+ "JVM %.0f us, PostgreSQL %.0f us%n",
						engine.workflows(), engine.workflows() * 3, threads, engine.workers(),
						engine.jvmCpuMicrosPerWorkflow(), engine.pgCpuMicrosPerWorkflow());
				if (Arrays.asList(args).contains("--statements")) {
					PgStatements.print(engineUrl);
				}
				if (engineOnly || Arrays.asList(args).contains("--throughput-only")) {
					if (!engineOnly) {
						System.out.printf("engine steps / raw commits at %d threads: %.2f%n", threads,
								engine.workflows() * 3 / rawN);
					}
					return;
				}
				latency = startToFirstStep(context, samples);
			}
			createDatabase(admin, "bench_live");
			double[][] live = LiveLatency.measure(admin.replace("/postgres?", "/bench_live?"), samples);
			String report = report(threads, seconds, settings, raw1, rawN, engine, latency, live);
			System.out.println(report);
			Path results = Path.of("benchmarks", "results");
			Files.createDirectories(results);
			Files.writeString(results.resolve("latest.md"), report);
		}
	}

	/**
	 * The engine's application; {@code extra} ({@code --durableflow.*} arguments of the
	 * benchmark) tune it.
	 */
	static ConfigurableApplicationContext engine(String url, int threads, String... extra) {
		List<String> args = new ArrayList<>(List.of("--spring.datasource.url=" + url,
				"--spring.datasource.hikari.maximum-pool-size=" + (threads * 2 + 8),
				"--durableflow.worker.concurrency=" + threads, "--spring.main.banner-mode=off",
				"--logging.level.root=WARN", "--spring.jpa.open-in-view=false"));
		// a property given on the command line replaces the default above (Spring would
		// join both with a comma)
		for (String arg : extra) {
			String key = arg.substring(0, arg.indexOf('=') + 1);
			args.removeIf((given) -> !key.isEmpty() && given.startsWith(key));
		}
		args.addAll(List.of(extra));
		return new SpringApplicationBuilder(BenchApp.class).web(WebApplicationType.NONE)
			.run(args.toArray(String[]::new));
	}

	static EngineResult engineThroughput(ConfigurableApplicationContext context, int clients, int warmup, int seconds,
			int othersRunning) throws Exception {
		return engineThroughput(context, clients, warmup, seconds, othersRunning, (n) -> StartOptions.defaults());
	}

	/** As above, the {@code n}th start of each client with {@code options.apply(n)}. */
	static EngineResult engineThroughput(ConfigurableApplicationContext context, int clients, int warmup, int seconds,
			int othersRunning, IntFunction<StartOptions> options) throws Exception {
		DurableFlow flow = context.getBean(DurableFlow.class);
		return throughputOf(context, clients, warmup, seconds, othersRunning,
				(n) -> flow.start("bench-three-steps", n, options.apply(n)));
	}

	/** As above, each client's {@code n}th start made by {@code starts}. */
	static EngineResult throughputOf(ConfigurableApplicationContext context, int clients, int warmup, int seconds,
			int othersRunning, java.util.function.IntConsumer starts) throws Exception {
		BenchApp.Completions completions = context.getBean(BenchApp.Completions.class);
		// clients keep at most 4 runs each outstanding: the engine is measured, not an
		// unbounded backlog
		completions.outstanding.release(clients * 4);
		AtomicBoolean running = new AtomicBoolean(true);
		List<Thread> threads = new ArrayList<>();
		for (int c = 0; c < clients; c++) {
			Thread client = new Thread(() -> {
				int n = 0;
				while (running.get()) {
					try {
						if (completions.outstanding.tryAcquire(100, TimeUnit.MILLISECONDS)) {
							starts.accept(n);
							n++;
						}
					}
					catch (InterruptedException ex) {
						return;
					}
				}
			});
			client.start();
			threads.add(client);
		}
		Thread.sleep(TimeUnit.SECONDS.toMillis(warmup));
		// a fresh database has no statistics until autovacuum's first pass (up to a
		// minute): analyze once after the warm-up, so the plans measured are those of a
		// database in service
		analyze(context);
		// --running N: N runs other instances are running, added after the statistics
		// were taken (as when a burst of long runs starts between two autovacuum passes);
		// the engine's plans must not care
		if (othersRunning > 0) {
			context.getBean(org.springframework.jdbc.core.JdbcTemplate.class).update("""
					INSERT INTO durableflow.workflow_runs (run_id, workflow_name, status, lease_owner, lease_token,
					    lease_expires_at, next_due_at)
					SELECT 'elsewhere-' || g, 'bench-three-steps', 'running', 'elsewhere', 1, now() + interval '1 day',
					    now() + interval '1 day'
					FROM generate_series(1, ?) g""", othersRunning);
		}
		long before = completions.completed.get();
		long start = System.nanoTime();
		double jvmBefore = jvmCpuSeconds();
		double pgBefore = postgresCpuSeconds();
		Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
		long done = completions.completed.get() - before;
		double elapsed = (System.nanoTime() - start) / 1e9;
		double jvmCpu = jvmCpuSeconds() - jvmBefore;
		double pgCpu = postgresCpuSeconds() - pgBefore;
		running.set(false);
		for (Thread client : threads) {
			client.join();
		}
		// let the started runs drain before the latency phase
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (completions.outstanding.availablePermits() < clients * 4 && System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
		int workers = context.getBean(io.durableflow.dispatch.DurableFlowScheduler.class).concurrency();
		return new EngineResult(done / elapsed, jvmCpu * 1e6 / done, pgCpu * 1e6 / done, workers);
	}

	static void analyze(ConfigurableApplicationContext context) {
		context.getBean(org.springframework.jdbc.core.JdbcTemplate.class)
			.execute("ANALYZE durableflow.workflow_runs, " + "durableflow.workflow_steps");
	}

	/** CPU time of this JVM, all threads (the benchmark's clients included). */
	static double jvmCpuSeconds() {
		java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory
			.getOperatingSystemMXBean();
		return ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() / 1e9;
	}

	/** The benchmark's embedded server, whose processes are its children. */
	static volatile long postmaster;

	/**
	 * CPU time of the benchmark's embedded PostgreSQL server (the postmaster and its
	 * children; not another server on the same machine).
	 */
	static double postgresCpuSeconds() {
		double ticks = 0;
		for (ProcessHandle process : ProcessHandle.allProcesses().toList()) {
			try {
				String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
				if (!stat.contains("(postgres)")) {
					continue;
				}
				String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
				if (postmaster != 0 && process.pid() != postmaster && Long.parseLong(fields[1]) != postmaster) {
					continue;
				}
				ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
			}
			catch (Exception ex) {
				// gone, or not Linux
			}
		}
		return ticks / 100.0;
	}

	static double[] startToFirstStep(ConfigurableApplicationContext context, int samples) throws Exception {
		return startToFirstStep(context, samples, (i) -> StartOptions.defaults());
	}

	static double[] startToFirstStep(ConfigurableApplicationContext context, int samples,
			IntFunction<StartOptions> options) throws Exception {
		DurableFlow flow = context.getBean(DurableFlow.class);
		BenchApp.noteFirstSteps = true;
		double[] millis = new double[samples];
		for (int i = 0; i < samples + 20; i++) {
			// an idle engine: its dispatcher is parked, waiting for a wake-up
			Thread.sleep(5);
			long t0 = System.nanoTime();
			String runId = flow.start("bench-three-steps", i, options.apply(i)).runId();
			Long t1;
			while ((t1 = BenchApp.firstStepAt.get(runId)) == null) {
				Thread.onSpinWait();
			}
			while (flow.find(runId).map(WorkflowRunView::status).orElse(null) != RunStatus.COMPLETED) {
				Thread.sleep(1);
			}
			if (i >= 20) {
				millis[i - 20] = (t1 - t0) / 1e6;
			}
		}
		Arrays.sort(millis);
		return millis;
	}

	static String report(int threads, int seconds, String settings, double raw1, double rawN, EngineResult engine,
			double[] latency, double[][] live) {
		double steps = engine.workflows() * 3;
		return String.join("\n", "# DurableFlow benchmark, " + LocalDate.now(), "",
				"Machine: " + Runtime.getRuntime().availableProcessors() + " cores; " + settings, "",
				"| measure | value |", "|---|---|",
				String.format("| raw JDBC insert+commit, 1 thread | %.0f/s |", raw1),
				String.format("| raw JDBC insert+commit, %d threads | %.0f/s |", threads, rawN),
				String.format("| engine, %d clients + %d workers: 3-step workflows | %.0f/s |", threads,
						engine.workers(), engine.workflows()),
				String.format("| engine steps | %.0f/s |", steps),
				String.format("| engine steps / raw commits at %d threads | %.2f |", threads, steps / rawN),
				String.format("| CPU per workflow: JVM (clients included) / PostgreSQL | %.0f / %.0f us |",
						engine.jvmCpuMicrosPerWorkflow(), engine.pgCpuMicrosPerWorkflow()),
				String.format("| start-to-first-step latency, idle engine (p50 / p95 / p99) | %.1f / %.1f / %.1f ms |",
						percentile(latency, 50), percentile(latency, 95), percentile(latency, 99)),
				String.format("| commit to STOMP client, same instance (p50 / p95) | %.1f / %.1f ms |",
						percentile(live[0], 50), percentile(live[0], 95)),
				String.format(
						"| commit to STOMP client, other instance via LISTEN/NOTIFY (p50 / p95) | %.1f / %.1f ms |",
						percentile(live[1], 50), percentile(live[1], 95)),
				"", "Measured over " + seconds + " s after warm-up; durable settings (fsync, synchronous_commit on).",
				"Live changes are coalesced per record over 50 ms before they are sent: that window is in the figure.",
				"");
	}

	static double percentile(double[] sorted, int p) {
		int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
	}

	static String settings(String url) throws Exception {
		try (Connection connection = DriverManager.getConnection(url);
				Statement statement = connection.createStatement()) {
			return "PostgreSQL " + single(statement, "SHOW server_version") + ", fsync="
					+ single(statement, "SHOW fsync") + ", synchronous_commit="
					+ single(statement, "SHOW synchronous_commit");
		}
	}

	private static String single(Statement statement, String sql) throws Exception {
		try (ResultSet rs = statement.executeQuery(sql)) {
			rs.next();
			return rs.getString(1);
		}
	}

	static void createDatabase(String url, String name) throws Exception {
		try (Connection connection = DriverManager.getConnection(url);
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
	}

	record EngineResult(double workflows, double jvmCpuMicrosPerWorkflow, double pgCpuMicrosPerWorkflow, int workers) {
	}

}
