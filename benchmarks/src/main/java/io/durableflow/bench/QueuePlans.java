package io.durableflow.bench;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.durableflow.queue.ClaimQuery;
import io.durableflow.queue.QueueSettings;
import io.durableflow.queue.Queues;
import io.durableflow.store.QueueStats;
import io.durableflow.store.RunStore;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code --queue-plans}: the plans, with actual times and buffers, of every statement
 * that reads the queues, over a database holding {@code backlog} due runs in each of
 * three queues ({@code default}, a queue capped at one, a queue with a per-key limit over
 * 1,000 keys). Each statement is prepared as the driver prepares it (parameters bound as
 * text, int or text array) and explained twice: as the custom plan the server makes for
 * the first executions, and as the generic plan it may keep after five. Statements that
 * write (the claims) are explained in a transaction that is rolled back. Prints a summary
 * and writes the plans to {@code benchmarks/results/queue-plans.md}.
 */
final class QueuePlans {

	private static final Pattern SCAN = Pattern
		.compile("(Seq Scan|Index Scan|Index Only Scan|Bitmap Index Scan)(?: Backward)?(?: using| on) (\\w+)");

	private static final Pattern PARAMETER = Pattern.compile("(?<![:\\w]):([A-Za-z_]\\w*)");

	private static final int KEYS = 1_000;

	private QueuePlans() {
	}

	/** A statement to explain, with its parameters' types and values (SQL literals). */
	record Query(String title, String sql, Map<String, String[]> parameters) {
	}

	static void run(String admin, String settings, int backlog) throws Exception {
		Benchmark.createDatabase(admin, "bench_plans");
		String url = admin.replace("/postgres?", "/bench_plans?");
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(BenchApp.class)
			.web(WebApplicationType.NONE)
			.run("--spring.datasource.url=" + url, "--durableflow.worker.enabled=false",
					"--durableflow.queues.capped.concurrency=1", "--durableflow.queues.tenants.concurrency-per-key=1",
					"--durableflow.queues.recent.description=no limits", "--spring.main.banner-mode=off",
					"--logging.level.root=WARN")) {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			fill(jdbc, backlog);
			Instant now = Instant.now();
			StringBuilder plans = new StringBuilder();
			List<String> summary = new ArrayList<>();
			for (Query query : queries(now)) {
				for (String mode : List.of("force_custom_plan", "force_generic_plan")) {
					Explained explained = explain(jdbc, query, mode);
					String line = String.format("| %s | %s | %s | %.3f ms (%.3f–%.3f) | %s | %s |", query.title(),
							mode.equals("force_custom_plan") ? "custom" : "generic",
							String.join(", ", explained.indexes()), explained.median(), explained.min(),
							explained.max(), explained.buffers(),
							explained.seqScanOnRuns() ? "**Seq Scan on workflow_runs**" : "no");
					System.out.println(line);
					summary.add(line);
					plans.append("### ")
						.append(query.title())
						.append(", ")
						.append(mode)
						.append("\n\n```\n")
						.append(explained.plan())
						.append("```\n\n");
				}
			}
			List<String> calls = timeCalls(context, now);
			calls.forEach(System.out::println);
			String report = String.join("\n", "# Queue query plans, " + LocalDate.now(), "",
					"Machine: " + Runtime.getRuntime().availableProcessors() + " cores; " + settings, "",
					String.format("%,d due runs in each of default, capped (concurrency 1) and tenants "
							+ "(concurrency-per-key 1, %,d keys), 100 in recent; EXPLAIN (ANALYZE, BUFFERS), median of 5 "
							+ "after one discarded", backlog, KEYS),
					"", "| statement | plan | scans (indexes) | execution (min–max) | buffers | seq scan |",
					"|---|---|---|---|---|---|", String.join("\n", summary), "", String.join("\n", calls), "",
					plans.toString());
			Path results = Path.of("benchmarks", "results");
			Files.createDirectories(results);
			Files.writeString(results.resolve("queue-plans.md"), report);
		}
	}

	/**
	 * {@code backlog} due runs in each queue, 1% of them at priority 1, capped's due a
	 * day before the others' (a backlog that sits while new runs come and go); in tenants
	 * the runs are spread over 1,000 keys, every tenth key with one run running (its slot
	 * full); 1,000 runs sleeping in default until later today; 100 runs due in the last
	 * seconds in recent, a queue without limits; the round robin of tenants half way
	 * through its keys.
	 */
	static void fill(JdbcTemplate jdbc, int backlog) {
		long start = System.nanoTime();
		String due = "now() - interval '1 hour' + g * interval '1 ms'";
		// capped's backlog is older than the others' runs (a bulk import that sits)
		for (String queue : List.of("default", "capped")) {
			jdbc.update(
					"""
							INSERT INTO durableflow.workflow_runs (run_id, workflow_name, queue, priority, input, next_due_at)
							SELECT ? || '-' || g, 'bench-three-steps', ?, CASE WHEN g %% 100 = 0 THEN 1 ELSE 0 END, to_jsonb(g), %s
							FROM generate_series(1, ?) g"""
						.formatted(queue.equals("capped") ? due + " - interval '1 day'" : due),
					queue, queue, backlog);
		}
		jdbc.update("""
				INSERT INTO durableflow.workflow_runs (run_id, workflow_name, queue, concurrency_key, priority, input,
				    next_due_at)
				SELECT 'tenants-' || g, 'bench-three-steps', 'tenants', 'tenant-' || lpad((g %% %d)::text, 4, '0'),
				    CASE WHEN g %% 100 = 0 THEN 1 ELSE 0 END, to_jsonb(g), %s
				FROM generate_series(1, ?) g""".formatted(KEYS, due), backlog);
		jdbc.update("""
				INSERT INTO durableflow.workflow_runs (run_id, workflow_name, status, queue, concurrency_key, input,
				    lease_owner, lease_token, lease_expires_at, next_due_at, started_at)
				SELECT 'tenants-running-' || k, 'bench-three-steps', 'running', 'tenants',
				    'tenant-' || lpad(k::text, 4, '0'), '0', 'elsewhere', 1, now() + interval '30 s',
				    now() + interval '30 s', now()
				FROM generate_series(0, %d, 10) k""".formatted(KEYS - 1));
		jdbc.update("""
				INSERT INTO durableflow.workflow_runs (run_id, workflow_name, status, input, next_due_at)
				SELECT 'sleeping-' || g, 'bench-three-steps', 'sleeping', '0', now() + g * interval '10 s'
				FROM generate_series(1, 1000) g""");
		jdbc.update("""
				INSERT INTO durableflow.workflow_runs (run_id, workflow_name, queue, input, next_due_at)
				SELECT 'recent-' || g, 'bench-three-steps', 'recent', '0', now() - g * interval '100 ms'
				FROM generate_series(1, 100) g""");
		jdbc.update("""
				INSERT INTO durableflow.workflow_queues (name, concurrency, concurrency_per_key, next_key_after)
				VALUES ('capped', 1, NULL, NULL), ('tenants', NULL, 1, 'tenant-0500')
				ON CONFLICT (name) DO UPDATE SET next_key_after = excluded.next_key_after""");
		jdbc.execute("VACUUM (ANALYZE) durableflow.workflow_runs");
		System.out.printf("inserted %,d runs in %.1f s, vacuumed and analyzed%n",
				jdbc.queryForObject("SELECT count(*) FROM durableflow.workflow_runs", Long.class),
				(System.nanoTime() - start) / 1e9);
	}

	static List<Query> queries(Instant now) throws Exception {
		Map<String, String[]> claim = new LinkedHashMap<>();
		claim.put("claimAt", text(now.toString()));
		claim.put("owner", text("plans"));
		claim.put("leaseExpiresAt", text(now.plus(Duration.ofSeconds(30)).toString()));
		claim.put("queues", new String[] { "text[]", "'{default}'" });
		claim.put("limit", new String[] { "int4", "16" });
		Map<String, String[]> limited = new LinkedHashMap<>(claim);
		limited.remove("queues");
		limited.remove("limit");
		limited.put("free", new String[] { "int4", "16" });
		Map<String, String[]> capped = new LinkedHashMap<>(limited);
		capped.put("queue", text("capped"));
		Map<String, String[]> tenants = new LinkedHashMap<>(limited);
		tenants.put("queue", text("tenants"));
		Map<String, String[]> handOff = new LinkedHashMap<>(claim);
		handOff.remove("limit");
		handOff.put("finished", text("default-500000"));
		Map<String, String[]> stats = new LinkedHashMap<>();
		stats.put("p1", new String[] { "text[]", "'{default,capped,tenants}'" });
		stats.put("p2", text(now.toString()));
		stats.put("p3", text(now.toString()));
		stats.put("p4", new String[] { "text[]", "'{default,capped,tenants}'" });
		Map<String, String[]> after = new LinkedHashMap<>();
		after.put("p1", text(now.toString()));
		// the claim a shared commit makes for a worker whose run it ends
		// (BatchStatement's
		// claim CTEs, with the run the commit writes as its one locked row)
		String handOffSql = "WITH RECURSIVE l AS (SELECT r.id FROM durableflow.workflow_runs r WHERE r.run_id = "
				+ ":finished),\n" + ClaimQuery.due("cd", "(SELECT count(*) FROM l)", "r.id NOT IN (SELECT id FROM l)")
				+ ",\nc AS (" + ClaimQuery.take("cd") + ")\nSELECT * FROM c";
		Map<String, String[]> recent = new LinkedHashMap<>(claim);
		recent.put("queues", new String[] { "text[]", "'{recent}'" });
		return List.of(new Query("unlimited claim (`ClaimQuery.CLAIM`, 16 runs of default)", ClaimQuery.CLAIM, claim),
				new Query("unlimited claim in a small queue (`CLAIM`, 16 of recent's 100 runs, newer than the rest)",
						ClaimQuery.CLAIM, recent),
				new Query("hand-off claim (`BatchStatement`'s claim of 1, one run left out)", handOffSql, handOff),
				new Query("limited claim, capped at 1 (`ClaimQuery.limited`, 16 free)",
						ClaimQuery.limited(new QueueSettings("capped", 1, null, null, null, null, null)), capped),
				new Query("limited claim, per key (concurrency-per-key 1, 1,000 keys, 16 free)",
						ClaimQuery.limited(new QueueSettings("tenants", null, null, null, null, 1, null)), tenants),
				new Query("`QueueStats` (3 queues)", positional(
						staticString(QueueStats.class, "SQL")), stats),
				new Query("`RunStore.nextDueAfter`",
						positional("SELECT min(next_due_at) FROM durableflow.workflow_runs " + "WHERE status IN "
								+ RunStore.ACTIVE + " AND next_due_at > ?::timestamptz"),
						after));
	}

	private static String[] text(String value) {
		return new String[] { "text", "'" + value.replace("'", "''") + "'" };
	}

	/** The text of a private static field (a statement the engine keeps to itself). */
	private static String staticString(Class<?> type, String name) throws Exception {
		Field field = type.getDeclaredField(name);
		field.setAccessible(true);
		return (String) field.get(null);
	}

	/** JDBC's {@code ?} parameters named {@code :p1}, {@code :p2}, ... */
	static String positional(String sql) {
		StringBuilder named = new StringBuilder();
		int n = 0;
		for (char c : sql.toCharArray()) {
			named.append((c == '?') ? ":p" + (++n) : String.valueOf(c));
		}
		return named.toString();
	}

	record Explained(String plan, Set<String> indexes, boolean seqScanOnRuns, double median, double min, double max,
			String buffers) {
	}

	/**
	 * EXPLAIN (ANALYZE, BUFFERS) of the statement prepared with typed parameters, six
	 * times, in a transaction rolled back each time; the last plan and the median time of
	 * the last five.
	 */
	static Explained explain(JdbcTemplate jdbc, Query query, String planCacheMode) {
		Map<String, String[]> parameters = query.parameters();
		List<String> order = new ArrayList<>();
		String prepared = prepared(query.sql(), order);
		String types = String.join(", ", order.stream().map((name) -> parameters.get(name)[0]).toList());
		String values = String.join(", ", order.stream().map((name) -> parameters.get(name)[1]).toList());
		return jdbc.execute((Connection connection) -> {
			boolean autoCommit = connection.getAutoCommit();
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement()) {
				statement.execute("PREPARE queue_plan (" + types + ") AS " + prepared);
				double[] times = new double[5];
				String plan = "";
				for (int i = 0; i < 6; i++) {
					statement.execute("SET LOCAL plan_cache_mode = " + planCacheMode);
					StringBuilder text = new StringBuilder();
					try (ResultSet rs = statement
						.executeQuery("EXPLAIN (ANALYZE, BUFFERS) EXECUTE queue_plan (" + values + ")")) {
						while (rs.next()) {
							text.append(rs.getString(1)).append('\n');
						}
					}
					connection.rollback();
					plan = text.toString();
					if (i > 0) {
						times[i - 1] = executionTime(plan);
					}
				}
				statement.execute("DEALLOCATE queue_plan");
				connection.commit();
				Arrays.sort(times);
				Set<String> indexes = new LinkedHashSet<>();
				boolean seqScan = false;
				for (String line : plan.split("\n")) {
					Matcher m = SCAN.matcher(line);
					if (m.find()) {
						boolean seq = m.group(1).equals("Seq Scan");
						seqScan |= seq && m.group(2).equals("workflow_runs");
						indexes.add(seq ? "Seq Scan on " + m.group(2) : m.group(2));
					}
				}
				Matcher buffers = Pattern.compile("Buffers: ([^\\n]+)").matcher(plan);
				return new Explained(plan, indexes, seqScan, times[2], times[0], times[4],
						buffers.find() ? buffers.group(1) : "");
			}
			finally {
				connection.rollback();
				connection.setAutoCommit(autoCommit);
			}
		});
	}

	private static double executionTime(String plan) {
		Matcher m = Pattern.compile("Execution Time: ([0-9.]+) ms").matcher(plan);
		return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
	}

	/**
	 * {@code :name} parameters (outside quoted text and {@code ::} casts) as {@code $n},
	 * each name once in {@code order}.
	 */
	static String prepared(String sql, List<String> order) {
		StringBuilder out = new StringBuilder();
		int i = 0;
		while (i < sql.length()) {
			char c = sql.charAt(i);
			if (c == '\'') {
				int end = sql.indexOf('\'', i + 1);
				out.append(sql, i, end + 1);
				i = end + 1;
				continue;
			}
			Matcher m = PARAMETER.matcher(sql).region(i, sql.length());
			if (c == ':' && m.lookingAt() && (i == 0 || sql.charAt(i - 1) != ':')) {
				String name = m.group(1);
				if (!order.contains(name)) {
					order.add(name);
				}
				out.append('$').append(order.indexOf(name) + 1);
				i = m.end();
				continue;
			}
			out.append(c);
			i++;
		}
		return out.toString();
	}

	/**
	 * What the engine's own calls take, as it makes them (driver, pool, result mapping),
	 * after one discarded: {@code RunStore.nextDueAfter} 50 times, an uncached
	 * {@code QueueStats} 10 times.
	 */
	static List<String> timeCalls(ConfigurableApplicationContext context, Instant now) {
		RunStore store = context.getBean(RunStore.class);
		Queues queues = context.getBean(Queues.class);
		JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
		double[] due = new double[50];
		for (int i = 0; i <= due.length; i++) {
			long t0 = System.nanoTime();
			store.nextDueAfter(Instant.now());
			if (i > 0) {
				due[i - 1] = (System.nanoTime() - t0) / 1e6;
			}
		}
		double[] stats = new double[10];
		for (int i = 0; i <= stats.length; i++) {
			long t0 = System.nanoTime();
			new QueueStats(jdbc, queues, Clock.systemUTC()).byQueue();
			if (i > 0) {
				stats[i - 1] = (System.nanoTime() - t0) / 1e6;
			}
		}
		Arrays.sort(due);
		Arrays.sort(stats);
		return List.of(String.format(
				"Engine calls: `RunStore.nextDueAfter` p50 %.2f ms, p95 %.2f ms (50 calls); "
						+ "`QueueStats.byQueue` (uncached) p50 %.2f ms, max %.2f ms (10 calls)",
				Benchmark.percentile(due, 50), Benchmark.percentile(due, 95), Benchmark.percentile(stats, 50),
				stats[stats.length - 1]));
	}

}
