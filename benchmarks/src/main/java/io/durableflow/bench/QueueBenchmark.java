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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import io.durableflow.StartOptions;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code --queues}: what queues cost the engine. One run, one durable PostgreSQL, a fresh
 * database and engine per configuration, each measured as the engine phase of the main
 * benchmark is (N clients with at most 4 outstanding runs each, N workers, three-step
 * workflows per second after a warm-up), then start-to-first-step latency on the idle
 * engine, runs started in the configuration's queues. Ratios are against the first
 * configuration (no queue declared). Not a test: nothing asserts a time.
 */
final class QueueBenchmark {

	/** The queues' cap when it must not throttle: above the number of workers. */
	static final int UNTHROTTLED = 64;

	private QueueBenchmark() {
	}

	/**
	 * One configuration: the properties that declare its queues, the options of its
	 * {@code n}th start, and the runs to insert in a capped queue before the load.
	 */
	record Config(String name, String label, List<String> properties, IntFunction<StartOptions> options, int backlog) {
	}

	static List<Config> configs(int backlog) {
		List<String> ten = new ArrayList<>();
		for (int q = 0; q < 10; q++) {
			ten.add("--durableflow.queues.q" + q + ".concurrency=" + UNTHROTTLED);
		}
		return List.of(
				new Config("a", "no queue declared, runs in default", List.of(), (n) -> StartOptions.defaults(), 0),
				new Config("b", "1 limited queue (concurrency " + UNTHROTTLED + "), runs in it",
						List.of("--durableflow.queues.q0.concurrency=" + UNTHROTTLED), (n) -> inQueue("q0"), 0),
				new Config("c", "10 limited queues (concurrency " + UNTHROTTLED + " each), runs spread over them", ten,
						(n) -> inQueue("q" + (n % 10)), 0),
				new Config("d", "10 limited queues declared, runs in default", ten, (n) -> StartOptions.defaults(), 0),
				new Config("e", String.format("runs in default, %,d runs queued in a queue capped at 1", backlog),
						List.of("--durableflow.queues.capped.concurrency=1"), (n) -> StartOptions.defaults(), backlog),
				// the control of (e): the same declaration without the backlog
				new Config("f", "runs in default, a queue capped at 1 declared, empty",
						List.of("--durableflow.queues.capped.concurrency=1"), (n) -> StartOptions.defaults(), 0));
	}

	static StartOptions inQueue(String queue) {
		return StartOptions.builder().queue(queue).build();
	}

	static void run(String admin, String settings, String[] args, int threads, int warmup, int seconds, int samples)
			throws Exception {
		int backlog = Args.integer(args, "--backlog", 1_000_000);
		// the configurations to measure, in this order
		String order = Args.string(args, "--configs", "abcdef");
		List<String> extra = Arrays.stream(args).filter((arg) -> arg.startsWith("--durableflow.")).toList();
		Map<String, Config> byName = new LinkedHashMap<>();
		configs(backlog).forEach((config) -> byName.put(config.name(), config));
		List<Result> results = new ArrayList<>();
		double base = 0;
		for (char name : order.toCharArray()) {
			Config config = byName.get(String.valueOf(name));
			String database = "bench_queues_" + config.name() + results.size();
			Benchmark.createDatabase(admin, database);
			String url = admin.replace("/postgres?", "/" + database + "?");
			List<String> properties = new ArrayList<>(config.properties());
			properties.addAll(extra);
			System.out.printf("(%s) %s%n", config.name(), config.label());
			try (ConfigurableApplicationContext context = Benchmark.engine(url, threads,
					properties.toArray(String[]::new))) {
				if (config.backlog() > 0) {
					insertBacklog(context.getBean(JdbcTemplate.class), "capped", config.backlog());
				}
				double machineBefore = machineCpuSeconds();
				double ownBefore = Benchmark.jvmCpuSeconds() + Benchmark.postgresCpuSeconds();
				long start = System.nanoTime();
				Benchmark.EngineResult engine = Benchmark.engineThroughput(context, threads, warmup, seconds, 0,
						config.options());
				double others = (machineCpuSeconds() - machineBefore
						- (Benchmark.jvmCpuSeconds() + Benchmark.postgresCpuSeconds() - ownBefore))
						/ ((System.nanoTime() - start) / 1e9);
				BenchApp.firstStepAt.clear();
				double[] latency = Benchmark.startToFirstStep(context, samples, config.options());
				BenchApp.noteFirstSteps = false;
				// each configuration against the (a) measured last before it (alternate
				// them,
				// "abacad...", on a machine whose speed drifts)
				base = (config.name().equals("a") || base == 0) ? engine.workflows() : base;
				Result result = new Result(config, engine, latency, claimStatements(url), others,
						engine.workflows() / base);
				System.out.println(result.row());
				results.add(result);
			}
			// gone, so that autovacuum's passes over it do not land in the next one's
			// window
			try (Connection connection = DriverManager.getConnection(admin);
					Statement statement = connection.createStatement()) {
				statement.execute("DROP DATABASE " + database + " WITH (FORCE)");
			}
		}
		StringBuilder means = new StringBuilder();
		byName.keySet().forEach((name) -> {
			double[] ratios = results.stream()
				.filter((r) -> r.config().name().equals(name))
				.mapToDouble(Result::ratio)
				.toArray();
			if (ratios.length > 0 && !name.equals("a")) {
				means.append(String.format("(%s) %.2f (%s); ", name, Arrays.stream(ratios).average().orElse(0),
						String.join(", ", Arrays.stream(ratios).mapToObj((r) -> String.format("%.2f", r)).toList())));
			}
		});
		String report = String.join("\n", "# DurableFlow queues benchmark, " + LocalDate.now(), "",
				"Machine: " + Runtime.getRuntime().availableProcessors() + " cores; " + settings, "",
				String.format(
						"%d clients (at most 4 outstanding runs each), %d workers; %d s warm-up, %d s measured; "
								+ "latency: %d starts on the idle engine; measured in the order %s",
						threads, threads, warmup, seconds, samples, order),
				"",
				"| configuration | 3-step workflows/s | ratio to the (a) before it | start-to-first-step p50 / p95 / p99 "
						+ "| CPU per workflow, JVM / PostgreSQL | claim statements: calls, mean "
						+ "| other processes' CPU |",
				"|---|---|---|---|---|---|---|", String.join("\n", results.stream().map(Result::row).toList()), "",
				"Mean ratio to (a): " + means, "");
		System.out.println(report);
		Path out = Path.of("benchmarks", "results");
		Files.createDirectories(out);
		Files.writeString(out.resolve("queues.md"), report);
	}

	/**
	 * One configuration's figures; {@code others}: the CPU that processes other than the
	 * benchmark and its server used meanwhile, in cores (the machine may be shared).
	 */
	record Result(Config config, Benchmark.EngineResult engine, double[] latency, String claims, double others,
			double ratio) {

		String row() {
			return String.format("| (%s) %s | %,.0f/s | %.2f | %.1f / %.1f / %.1f ms | %.0f / %.0f µs | %s | %.2f |",
					this.config.name(), this.config.label(), this.engine.workflows(), this.ratio,
					Benchmark.percentile(this.latency, 50), Benchmark.percentile(this.latency, 95),
					Benchmark.percentile(this.latency, 99), this.engine.jvmCpuMicrosPerWorkflow(),
					this.engine.pgCpuMicrosPerWorkflow(), this.claims, this.others);
		}

	}

	/** CPU time the whole machine has used, all cores (from {@code /proc/stat}). */
	static double machineCpuSeconds() throws Exception {
		String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
		long busy = 0;
		// user nice system idle iowait irq softirq steal: all but idle and iowait
		for (int i : new int[] { 1, 2, 3, 6, 7, 8 }) {
			busy += Long.parseLong(cpu[i]);
		}
		return busy / 100.0;
	}

	/**
	 * {@code runs} due runs of {@code queue} (a queue capped at one) in one statement, as
	 * a bulk import would insert them, and one run of the queue that another instance
	 * runs, holding its one slot for a day: the backlog sits while the load runs in
	 * {@code default}. Then vacuumed and analyzed, as a database in service would be (and
	 * so that autovacuum's pass over the new rows does not land in the measured window).
	 */
	static void insertBacklog(JdbcTemplate jdbc, String queue, int runs) {
		long start = System.nanoTime();
		jdbc.update(
				"""
						INSERT INTO durableflow.workflow_runs (run_id, workflow_name, status, queue, input, lease_owner,
						    lease_token, lease_expires_at, next_due_at, started_at)
						SELECT 'backlog-' || g, 'bench-three-steps', CASE WHEN g = 0 THEN 'running' ELSE 'pending' END, ?,
						    to_jsonb(g), CASE WHEN g = 0 THEN 'elsewhere' END, CASE WHEN g = 0 THEN 1 ELSE 0 END,
						    CASE WHEN g = 0 THEN now() + interval '1 day' END,
						    CASE WHEN g = 0 THEN now() + interval '1 day' ELSE now() - interval '1 hour' + g * interval '1 ms' END,
						    CASE WHEN g = 0 THEN now() END
						FROM generate_series(0, ?) g""",
				queue, runs);
		jdbc.execute("VACUUM (ANALYZE) durableflow.workflow_runs");
		System.out.printf("inserted %,d runs queued in '%s' (and one holding its slot) in %.1f s, vacuumed%n", runs,
				queue, (System.nanoTime() - start) / 1e9);
	}

	/**
	 * The claims' statements in this database (warm-up included), from
	 * pg_stat_statements: the dispatcher's claim over the queues without limits, the
	 * claims in limited queues and the lock they are made under.
	 */
	static String claimStatements(String url) throws Exception {
		try (Connection connection = DriverManager.getConnection(url);
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
			try (ResultSet rs = statement.executeQuery("""
					SELECT CASE WHEN query LIKE 'WITH RECURSIVE%held AS%' THEN 'limited'
					        WHEN query LIKE 'WITH RECURSIVE%ins AS%' THEN 'shared commit'
					        WHEN query LIKE 'WITH RECURSIVE%' THEN 'claim'
					        WHEN query LIKE '%FROM durableflow.workflow_queues%FOR UPDATE%' THEN 'lock'
					        WHEN query LIKE 'SELECT min(next_due_at)%' THEN 'nextDueAfter' END AS kind,
					    sum(calls) AS calls, sum(total_exec_time) / sum(calls) AS mean
					FROM pg_stat_statements
					WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
					GROUP BY 1 HAVING sum(calls) > 0 ORDER BY 1""")) {
				List<String> parts = new ArrayList<>();
				while (rs.next()) {
					if (rs.getString(1) != null) {
						parts.add(String.format("%s %,d × %.2f ms", rs.getString(1), rs.getLong(2), rs.getDouble(3)));
					}
				}
				return String.join("; ", parts);
			}
		}
	}

}
