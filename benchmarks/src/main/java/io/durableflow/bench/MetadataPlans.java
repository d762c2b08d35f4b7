package io.durableflow.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.durableflow.DurableFlow;
import io.durableflow.RunQuery;
import io.durableflow.store.jpa.RunListQuery;
import io.durableflow.ui.ConsoleQueries;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code --metadata-plans}: the plans, with actual times and buffers, of the runs list's
 * metadata filter ({@link DurableFlow#runs} with {@link RunQuery.Builder#metadata}) over
 * {@code backlog} runs, four in five of them with metadata: a customer of 1,000, a region
 * of three, a batch of 50 and an invoice number of their own. Explained as
 * {@link QueuePlans} explains the queue statements (custom and generic plan, median of
 * five), then the calls timed as the engine makes them. Prints a summary and writes the
 * plans to {@code benchmarks/results/metadata-plans.md}.
 */
final class MetadataPlans {

	private static final Pattern POSITIONAL = Pattern.compile("\\?(\\d+)");

	private MetadataPlans() {
	}

	static void run(String admin, String settings, int backlog) throws Exception {
		Benchmark.createDatabase(admin, "bench_metadata");
		String url = admin.replace("/postgres?", "/bench_metadata?");
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(BenchApp.class)
			.web(WebApplicationType.NONE)
			.run("--spring.datasource.url=" + url, "--durableflow.worker.enabled=false",
					"--spring.main.banner-mode=off", "--logging.level.root=WARN")) {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			fill(jdbc, backlog);
			JsonMapper mapper = context.getBean(JsonMapper.class);
			Map<String, RunQuery> queries = queries(backlog);
			StringBuilder plans = new StringBuilder();
			List<String> summary = new ArrayList<>();
			for (Map.Entry<String, RunQuery> entry : queries.entrySet()) {
				RunListQuery list = RunListQuery.of(entry.getValue(),
						mapper.writeValueAsString(entry.getValue().metadata()));
				explainBoth(jdbc, query("`DurableFlow.runs`, " + entry.getKey(), list), summary, plans);
			}
			for (Map.Entry<String, String> entry : consoleFilters(backlog).entrySet()) {
				ConsoleQueries.RunsQuery console = ConsoleQueries.runsQuery(
						new ConsoleQueries.RunFilter(null, null, null, null, null, null, null, null, entry.getValue()),
						null);
				explainBoth(jdbc, consoleQuery("console list, " + entry.getKey(), console), summary, plans);
			}
			List<String> calls = timeCalls(context.getBean(DurableFlow.class), queries);
			calls.forEach(System.out::println);
			String report = String.join("\n", "# Metadata filter plans, " + LocalDate.now(), "",
					"Machine: " + Runtime.getRuntime().availableProcessors() + " cores; " + settings, "",
					String.format("%,d runs, four in five with metadata {customer (1,000 of them), region (3), "
							+ "batch (50), invoice (one each)}; EXPLAIN (ANALYZE, BUFFERS), median of 5 after one discarded",
							backlog),
					"", "| filter | plan | scans (indexes) | execution (min–max) | buffers | rows |",
					"|---|---|---|---|---|---|", String.join("\n", summary), "", String.join("\n", calls), "",
					plans.toString());
			Path results = Path.of("benchmarks", "results");
			Files.createDirectories(results);
			Files.writeString(results.resolve("metadata-plans.md"), report);
		}
	}

	/**
	 * {@code backlog} finished runs, newest last; four in five carry metadata: customer
	 * {@code customer-0000} to {@code customer-0999} in turn, region {@code eu},
	 * {@code us} or {@code ap}, and an invoice number of their own.
	 */
	static void fill(JdbcTemplate jdbc, int backlog) {
		long start = System.nanoTime();
		jdbc.update(
				"""
						INSERT INTO durableflow.workflow_runs (run_id, workflow_name, status, input, output, name, metadata,
						    created_at, updated_at, finished_at)
						SELECT 'run-' || g, CASE WHEN g % 3 = 0 THEN 'bench-three-steps' ELSE 'other-workflow' END, 'completed',
						    to_jsonb(g), '1', CASE WHEN g % 5 <> 0 THEN 'Invoice ' || g END,
						    CASE WHEN g % 5 <> 0 THEN jsonb_build_object('customer', 'customer-' || lpad((g % 1000)::text, 4, '0'),
						        'region', (ARRAY['eu', 'us', 'ap'])[g % 3 + 1], 'batch', 'batch-' || (g % 50),
						      'invoice', 'inv-' || g) END,
						    now() - (? - g) * interval '1 s', now(), now() - (? - g) * interval '1 s'
						FROM generate_series(1, ?) g""",
				backlog, backlog, backlog);
		jdbc.execute("VACUUM (ANALYZE) durableflow.workflow_runs");
		System.out.printf("inserted %,d runs in %.1f s, vacuumed and analyzed; the metadata index: %s%n", backlog,
				(System.nanoTime() - start) / 1e9,
				jdbc.queryForObject("SELECT pg_size_pretty(pg_relation_size('durableflow.workflow_runs_by_metadata'))",
						String.class));
	}

	static Map<String, RunQuery> queries(int backlog) {
		Map<String, RunQuery> queries = new LinkedHashMap<>();
		queries.put("customer=customer-0042 (0.08% of runs)",
				RunQuery.builder().metadata("customer", "customer-0042").build());
		queries.put("customer=customer-0042, region=eu",
				RunQuery.builder().metadata("customer", "customer-0042").metadata("region", "eu").build());
		queries.put("invoice=inv-" + (backlog / 2 + 1) + " (one run)",
				RunQuery.builder().metadata("invoice", "inv-" + (backlog / 2 + 1)).build());
		queries.put("region=eu (27% of runs)", RunQuery.builder().metadata("region", "eu").build());
		queries.put("batch=batch-7 (1.6% of runs: too few among the newest 2,000)",
				RunQuery.builder().metadata("batch", "batch-7").build());
		queries.put("customer=nobody (no run)", RunQuery.builder().metadata("customer", "nobody").build());
		queries.put("customer=customer-0042, second page",
				RunQuery.builder().metadata("customer", "customer-0042").before("run-" + (backlog - 50_042)).build());
		return queries;
	}

	/**
	 * The statement's custom and generic plan: a line of the summary each, and the plans.
	 */
	private static void explainBoth(JdbcTemplate jdbc, QueuePlans.Query query, List<String> summary,
			StringBuilder plans) {
		for (String mode : List.of("force_custom_plan", "force_generic_plan")) {
			QueuePlans.Explained explained = QueuePlans.explain(jdbc, query, mode);
			String line = String.format("| %s | %s | %s | %.3f ms (%.3f–%.3f) | %s | %s |", query.title(),
					mode.equals("force_custom_plan") ? "custom" : "generic", String.join(", ", explained.indexes()),
					explained.median(), explained.min(), explained.max(), explained.buffers(), rows(explained.plan()));
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

	/** The console's metadata filters, as its filter field has them. */
	static Map<String, String> consoleFilters(int backlog) {
		Map<String, String> filters = new LinkedHashMap<>();
		filters.put("customer=customer-0042", "customer=customer-0042");
		filters.put("invoice=inv-" + (backlog / 2 + 1), "invoice=inv-" + (backlog / 2 + 1));
		filters.put("region=eu", "region=eu");
		filters.put("batch=batch-7", "batch=batch-7");
		return filters;
	}

	/** The console's statement, its JDBC {@code ?} parameters bound as text. */
	private static QueuePlans.Query consoleQuery(String title, ConsoleQueries.RunsQuery console) {
		Map<String, String[]> parameters = new LinkedHashMap<>();
		for (int i = 0; i < console.args().length; i++) {
			parameters.put("p" + (i + 1),
					new String[] { "text", "'" + String.valueOf(console.args()[i]).replace("'", "''") + "'" });
		}
		return new QueuePlans.Query(title, QueuePlans.positional(console.sql()), parameters);
	}

	/** The statement with {@code ?n} parameters as {@code :pn}, bound as text. */
	private static QueuePlans.Query query(String title, RunListQuery list) {
		Matcher m = POSITIONAL.matcher(list.sql());
		String sql = m.replaceAll(":p$1");
		Map<String, String[]> parameters = new LinkedHashMap<>();
		for (int i = 0; i < list.args().size(); i++) {
			parameters.put("p" + (i + 1),
					new String[] { "text", "'" + String.valueOf(list.args().get(i)).replace("'", "''") + "'" });
		}
		return new QueuePlans.Query(title, sql, parameters);
	}

	private static String rows(String plan) {
		// the statement's own rows: those of the plan's first node
		Matcher m = Pattern.compile("^[^\\n]*\\(actual time=[0-9.]+\\.\\.[0-9.]+ rows=(\\d+)").matcher(plan);
		return m.find() ? m.group(1) : "?";
	}

	/**
	 * {@link DurableFlow#runs} as an application calls it (JPA, pool, mapping to views),
	 * 20 times each after one discarded.
	 */
	static List<String> timeCalls(DurableFlow flow, Map<String, RunQuery> queries) {
		List<String> lines = new ArrayList<>();
		for (Map.Entry<String, RunQuery> entry : queries.entrySet()) {
			double[] millis = new double[20];
			int found = 0;
			for (int i = 0; i <= millis.length; i++) {
				long t0 = System.nanoTime();
				found = flow.runs(entry.getValue()).size();
				if (i > 0) {
					millis[i - 1] = (System.nanoTime() - t0) / 1e6;
				}
			}
			Arrays.sort(millis);
			lines.add(String.format("`DurableFlow.runs` %s: %d runs, p50 %.2f ms, p95 %.2f ms", entry.getKey(), found,
					Benchmark.percentile(millis, 50), Benchmark.percentile(millis, 95)));
		}
		return lines;
	}

}
