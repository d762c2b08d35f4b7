package io.durableflow.bench;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;

import io.durableflow.definition.stored.DefinitionStore;
import io.durableflow.definition.stored.DefinitionSync;
import io.durableflow.definition.stored.StoredDefinition;
import io.durableflow.definition.yaml.DefinitionParser;
import io.durableflow.definition.yaml.DefinitionsSettings;
import io.durableflow.definition.yaml.PackLoadResult;
import io.durableflow.definition.yaml.PackLoader;
import io.durableflow.definition.yaml.ParseOptions;
import io.durableflow.definition.yaml.ParsedDefinition;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code --definitions}: YAML definitions at scale. Generates {@code --definition-files}
 * realistic files (10 to 20 tasks, {@link DefinitionFiles}) into ten packs of a temporary
 * folder; times loading, parsing and validating them all ({@link PackLoader}, a fresh
 * parser each pass, so no template is analyzed in advance), registering them into the
 * database ({@link DefinitionStore#register}, one transaction each, as the start-up sync
 * does), and a sync that finds them all unchanged (a restart). Then fills the table to
 * {@code --definition-rows} definitions and times {@link DefinitionStore#page} and
 * {@link DefinitionStore#count} (what {@code GET /workflows} asks) without and with each
 * filter, and explains both queries for each filter, custom and generic plan. Writes
 * {@code benchmarks/results/definitions.md}.
 */
final class DefinitionsBenchmark {

	private static final int PACKS = 10;

	private DefinitionsBenchmark() {
	}

	/** A listing to time: its filters, {@code null} for none. */
	record Listing(String title, @Nullable String pack, @Nullable String tag, @Nullable String text) {
	}

	static void run(String admin, String settings, String[] args) throws Exception {
		int files = Args.integer(args, "--definition-files", 1_000);
		int rows = Args.integer(args, "--definition-rows", 10_000);
		int pages = Args.integer(args, "--pages", 200);
		int size = Args.integer(args, "--page-size", 20);
		int passes = Args.integer(args, "--passes", 5);
		Path root = Files.createTempDirectory("durableflow-bench-packs");
		DefinitionFiles.write(root, PACKS, files / PACKS);
		List<String> report = new ArrayList<>();
		report.add("# YAML definitions, " + LocalDate.now());
		report.add("");
		report.add("Machine: " + Runtime.getRuntime().availableProcessors() + " cores; " + settings
				+ "; load average at the start " + load());
		report.add("");
		DefinitionsSettings packs = DefinitionsSettings.defaults().withLocations("file:" + root + "/");
		ParseOptions options = ParseOptions.standalone().withKnownActions(DefinitionFiles.ACTIONS);
		PackLoadResult loaded = load(packs, options, report, files, passes);
		Benchmark.createDatabase(admin, "bench_definitions");
		String url = admin.replace("/postgres?", "/bench_definitions?");
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(BenchApp.class)
			.web(WebApplicationType.NONE)
			.run("--spring.datasource.url=" + url, "--durableflow.worker.enabled=false",
					"--spring.main.banner-mode=off", "--logging.level.root=WARN")) {
			DefinitionStore store = context.getBean(DefinitionStore.class);
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			register(store, packs, options, loaded, report);
			fill(jdbc, rows);
			List<Listing> listings = listings(jdbc);
			report.add("");
			report.add(String.format("## Listing a page of %,d definitions (%d a page)", rows, size));
			report.add("");
			report.add(String.format(
					"`DefinitionStore.page` then `count`, as `GET /workflows` asks them, %d pages "
							+ "each spread over the result (after 20 not counted), one thread, through the pool:",
					pages));
			report.add("");
			report.add("| filter | matching | page p50 / p99 | count p50 / p99 | page + count p50 / p99 "
					+ "| what-if: page + count p50 / p99 |");
			report.add("|---|---|---|---|---|---|");
			for (Listing listing : listings) {
				report.add(time(store, jdbc, listing, pages, size));
				System.out.println(report.get(report.size() - 1));
			}
			report.add("");
			report.add(plansUsed(jdbc));
			report.add("");
			report.addAll(DefinitionPlans.explain(jdbc, store, listings, size));
		}
		report.add(3, "Load average at the end " + load() + " (other work on the machine shares its 2 cores).");
		String text = String.join("\n", report) + "\n";
		System.out.println(text);
		Path results = Files.createDirectories(Path.of("benchmarks", "results"));
		Files.writeString(results.resolve("definitions.md"), text);
	}

	/**
	 * Two warm-up passes, then {@code passes} timed ones, each with a parser of its own.
	 */
	private static PackLoadResult load(DefinitionsSettings packs, ParseOptions options, List<String> report, int files,
			int passes) throws Exception {
		PackLoadResult result = loader(packs).load(options);
		loader(packs).load(options);
		if (result.definitions().size() != files || !result.allProblems().isEmpty()) {
			throw new IllegalStateException("Expected " + files + " valid files without a problem, got "
					+ result.definitions().size() + " and " + result.allProblems().stream().limit(5).toList());
		}
		long bytes = result.definitions().stream().mapToLong((definition) -> definition.source().length()).sum();
		int tasks = result.valid().stream().mapToInt((definition) -> definition.model().allTasks().size()).sum();
		double[] rates = new double[passes];
		PackLoader cached = null;
		for (int pass = 0; pass < passes; pass++) {
			PackLoader loader = loader(packs);
			long t0 = System.nanoTime();
			PackLoadResult timed = loader.load(options);
			rates[pass] = timed.valid().size() / ((System.nanoTime() - t0) / 1e9);
			cached = loader;
		}
		long t0 = System.nanoTime();
		cached.load(options);
		double again = files / ((System.nanoTime() - t0) / 1e9);
		Arrays.sort(rates);
		report.add(String.format("## Loading, parsing and validating %,d files", files));
		report.add("");
		report.add(String.format("%,d files in %d packs, %,d tasks (%.1f a file, sub-tasks included), %,d KB of YAML; "
				+ "no error, no warning. `PackLoader.load` (file reads, YAML, normalizing, every validator rule, "
				+ "every template analyzed by Jinjava), one thread, after two warm-up passes:", files, PACKS, tasks,
				(double) tasks / files, bytes / 1024));
		report.add("");
		report.add("| measure | definitions/s |");
		report.add("|---|---|");
		report.add(String.format(
				"| parse + validate, a new parser each pass (median of %d; min–max) | %,.0f (%,.0f–%,.0f) |", passes,
				rates[passes / 2], rates[0], rates[passes - 1]));
		report.add(String.format("| the same files again, templates already analyzed by that parser | %,.0f |", again));
		System.out.println(String.join("\n", report));
		return result;
	}

	private static PackLoader loader(DefinitionsSettings packs) {
		return new PackLoader(new DefinitionParser(), packs, new PathMatchingResourcePatternResolver());
	}

	/**
	 * Every file registered, one transaction each; then a sync that finds none changed.
	 */
	private static void register(DefinitionStore store, DefinitionsSettings packs, ParseOptions options,
			PackLoadResult loaded, List<String> report) {
		long t0 = System.nanoTime();
		int registered = 0;
		for (ParsedDefinition definition : loaded.valid()) {
			DefinitionStore.Registration registration = store.register(definition.model(), definition.source(),
					definition.checksum(), StoredDefinition.FILE, definition.file(), Instant.now());
			registered += (registration.outcome() == DefinitionStore.Outcome.REGISTERED) ? 1 : 0;
		}
		double registerRate = registered / ((System.nanoTime() - t0) / 1e9);
		DefinitionSync sync = new DefinitionSync(loader(packs), store, () -> DefinitionFiles.ACTIONS, Set::of,
				Clock.systemUTC());
		t0 = System.nanoTime();
		DefinitionSync.Report again = sync.sync();
		double syncRate = again.unchanged().size() / ((System.nanoTime() - t0) / 1e9);
		report.add("");
		report.add(String.format("## Registering %,d definitions", registered));
		report.add("");
		report.add("| measure | definitions/s |");
		report.add("|---|---|");
		report.add(
				String.format("| `DefinitionStore.register`, new refs, one transaction each (durable commit) | %,.0f |",
						registerRate));
		report.add(String.format(
				"| `DefinitionSync.sync()` of the same files: load, parse, validate, %,d unchanged | %,.0f |",
				again.unchanged().size(), syncRate));
		System.out.println(String.join("\n", report.subList(report.size() - 6, report.size())));
	}

	/**
	 * The table filled to {@code rows}: 100 definitions in each of 100 packs (the 1,000
	 * registered, then copies of their definitions under other refs), tagged as
	 * {@link DefinitionFiles#tags} says, with labels and descriptions of the same words.
	 */
	static void fill(JdbcTemplate jdbc, int rows) {
		long t0 = System.nanoTime();
		long existing = jdbc.queryForObject("SELECT count(*) FROM durableflow.workflow_definitions", Long.class);
		String words = "ARRAY['" + String.join("','", DefinitionFiles.WORDS) + "']";
		jdbc.update("""
				INSERT INTO durableflow.workflow_definitions (ref, pack, label, description, version, revision, tags,
				    parameters, output, definition, source, origin, location, checksum, created_at, updated_at)
				SELECT p.pack || '.wf_' || lpad(g::text, 5, '0'), p.pack,
				    'Workflow ' || g || ': ' || (%1$s)[1 + g %% 20] || ' to ' || (%1$s)[1 + (g / 20) %% 20],
				    'Moves ' || (%1$s)[1 + g %% 20] || ' from the ' || (%1$s)[1 + g %% 20] || ' service into '
				        || (%1$s)[1 + (g / 20) %% 20] || ', checks them and reports.',
				    d.version, 1,
				    array_remove(ARRAY[CASE WHEN g %% 3 = 0 THEN 'ops' END, CASE WHEN g %% 10 = 0 THEN 'nightly' END,
				        CASE WHEN g %% 100 = 7 THEN 'security' END, 'team-' || (g %% 25)], NULL),
				    d.parameters, d.output, d.definition, d.source, 'api', NULL, md5(g::text), now(), now()
				FROM generate_series(?, ?) g
				CROSS JOIN LATERAL (SELECT 'pack_' || lpad(((g / 100) %% 100)::text, 2, '0') AS pack) p
				JOIN (SELECT row_number() OVER (ORDER BY ref) - 1 AS n, * FROM durableflow.workflow_definitions) d
				    ON d.n = g %% ?""".formatted(words), existing, rows - 1, existing);
		jdbc.execute("VACUUM (ANALYZE) durableflow.workflow_definitions");
		System.out.printf("filled workflow_definitions to %,d rows in %.1f s%n",
				jdbc.queryForObject("SELECT count(*) FROM durableflow.workflow_definitions", Long.class),
				(System.nanoTime() - t0) / 1e9);
	}

	static List<Listing> listings(JdbcTemplate jdbc) {
		return List.of(new Listing("none", null, null, null), new Listing("pack", "pack_42", null, null),
				new Listing("tag, common (`ops`)", null, "ops", null),
				new Listing("tag, rare (`security`)", null, "security", null),
				new Listing("q, a word (`refunds`)", null, null, "refunds"),
				new Listing("q, one ref (`wf_04242`)", null, null, "wf_04242"),
				new Listing("q, nothing (`zebra`)", null, null, "zebra"),
				new Listing("pack + tag + q", "pack_42", "ops", "orders"));
	}

	/**
	 * {@code pages} pages of the listing, spread over its result, each followed by the
	 * count: through the store, then through the what-if statements of
	 * {@link DefinitionPlans#whatIf}.
	 */
	private static String time(DefinitionStore store, JdbcTemplate jdbc, Listing listing, int pages, int size)
			throws Exception {
		long matching = store.count(listing.pack(), listing.tag(), listing.text());
		int last = (int) Math.max(0, (matching - 1) / size);
		double[][] stored = time(pages, last, (number) -> {
			List<StoredDefinition> found = store.page(listing.pack(), listing.tag(), listing.text(), number, size);
			check(listing, number, matching, found.size());
		}, () -> check(listing, -1, matching, store.count(listing.pack(), listing.tag(), listing.text())));
		DefinitionPlans.WhatIf whatIf = DefinitionPlans.whatIf(listing);
		double[][] other = time(pages, last,
				(number) -> check(listing, number, matching, whatIf.page(jdbc, number, size)),
				() -> check(listing, -1, matching, whatIf.count(jdbc)));
		return String.format("| %s | %,d | %s | %s | %s | %s |", listing.title(), matching, percentiles(stored[0]),
				percentiles(stored[1]), percentiles(stored[2]), percentiles(other[2]));
	}

	/** The page, the count and both, in ms, sorted; after 20 rounds not counted. */
	private static double[][] time(int pages, int last, IntConsumer page, Runnable count) {
		double[][] millis = new double[3][pages];
		for (int i = -20; i < pages; i++) {
			int number = (int) ((Math.max(0, i) * 7919L) % (last + 1));
			long t0 = System.nanoTime();
			page.accept(number);
			long t1 = System.nanoTime();
			count.run();
			long t2 = System.nanoTime();
			if (i >= 0) {
				millis[0][i] = (t1 - t0) / 1e6;
				millis[1][i] = (t2 - t1) / 1e6;
				millis[2][i] = (t2 - t0) / 1e6;
			}
		}
		for (double[] sorted : millis) {
			Arrays.sort(sorted);
		}
		return millis;
	}

	private static void check(Listing listing, int page, long matching, long found) {
		boolean ok = (page < 0) ? found == matching : (matching == 0 || found > 0);
		if (!ok) {
			throw new IllegalStateException(
					listing + ((page < 0) ? " count " : " page " + page + ": ") + found + " of " + matching);
		}
	}

	private static String percentiles(double[] sorted) {
		return String.format("%.2f / %.2f ms", Benchmark.percentile(sorted, 50), Benchmark.percentile(sorted, 99));
	}

	/**
	 * Whether the server kept custom plans for the listing's statements, on this
	 * connection.
	 */
	private static String plansUsed(JdbcTemplate jdbc) {
		List<String> lines = new ArrayList<>();
		jdbc.query("""
				SELECT left(regexp_replace(substring(statement FROM 'FROM durableflow.workflow_definitions WHERE .*'),
				    '\\s+', ' ', 'g'), 90) AS statement, generic_plans, custom_plans
				FROM pg_prepared_statements WHERE statement LIKE '%IS NULL OR pack = %'""", (rs) -> {
			lines.add(
					String.format("`%s…`: %d generic, %d custom plans", rs.getString(1), rs.getLong(2), rs.getLong(3)));
		});
		return "Plans the server made for the store's two statements, prepared by the driver after five "
				+ "executions, on the connection that ran most of them: "
				+ (lines.isEmpty() ? "none prepared" : String.join("; ", lines)) + ".";
	}

	/** The machine's load averages over 1, 5 and 15 minutes, from /proc/loadavg. */
	private static String load() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
			return fields[0] + ", " + fields[1] + ", " + fields[2];
		}
		catch (java.io.IOException ex) {
			return "unknown";
		}
	}

	/** The text of a private static field (a statement the store keeps to itself). */
	static String staticString(Class<?> type, String name) throws Exception {
		Field field = type.getDeclaredField(name);
		field.setAccessible(true);
		return (String) field.get(null);
	}

	static Map<String, String[]> parameters(Listing listing, int size, long offset) {
		Map<String, String[]> parameters = new LinkedHashMap<>();
		String[] values = { listing.pack(), listing.pack(), listing.tag(), listing.tag(), listing.text(),
				like(listing.text()), like(listing.text()), like(listing.text()) };
		for (int i = 0; i < values.length; i++) {
			parameters.put("p" + (i + 1),
					new String[] { "text", (values[i] != null) ? "'" + values[i].replace("'", "''") + "'" : "NULL" });
		}
		if (size > 0) {
			parameters.put("p9", new String[] { "int4", Integer.toString(size) });
			parameters.put("p10", new String[] { "int8", Long.toString(offset) });
		}
		return parameters;
	}

	private static @Nullable String like(@Nullable String text) {
		return (text != null) ? "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%" : null;
	}

}
