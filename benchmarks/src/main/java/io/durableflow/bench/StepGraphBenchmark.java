package io.durableflow.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.durableflow.DurableFlow;
import io.durableflow.StartOptions;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code --step-graph}: a 20-step graph ({@code bench-step-graph}, 1 → 6 → 6 → 6 → 1,
 * each middle step depending on two above it) against the three-step code workflow, same
 * run, same (durable) settings, alternated twice, each in a fresh database and engine:
 * steps per second of each, and their ratio. Steps ready together run as child runs of
 * {@code durableflow.task}; a lone step (the first, the last) in place.
 */
final class StepGraphBenchmark {

	static final int GRAPH_STEPS = 20;

	private StepGraphBenchmark() {
	}

	static void run(String admin, String settings, int threads, int warmup, int seconds) throws Exception {
		List<String> lines = new ArrayList<>();
		for (int round = 0; round < 2; round++) {
			double code = 3 * throughput(admin, "bench_code_" + round, threads, warmup, seconds, false);
			double graph = GRAPH_STEPS * throughput(admin, "bench_graph_" + round, threads, warmup, seconds, true);
			String line = String.format("| %d | %,.0f | %,.0f | %.2f |", round + 1, code, graph, graph / code);
			System.out.println(line);
			lines.add(line);
		}
		String report = String.join("\n", "# Step graphs against the code workflow, " + LocalDate.now(), "",
				"Machine: " + Runtime.getRuntime().availableProcessors() + " cores; " + settings, "",
				"Steps per second, " + threads + " clients and workers, " + warmup + " s warm-up, " + seconds
						+ " s measured, each in a fresh database:",
				"", "| round | three-step code workflow | 20-step graph (1 → 6 → 6 → 6 → 1) | ratio |",
				"|---|---|---|---|", String.join("\n", lines), "");
		Path results = Path.of("benchmarks", "results");
		Files.createDirectories(results);
		Files.writeString(results.resolve("step-graph.md"), report);
	}

	/** Workflows completed per second. */
	private static double throughput(String admin, String database, int threads, int warmup, int seconds, boolean graph)
			throws Exception {
		Benchmark.createDatabase(admin, database);
		try (ConfigurableApplicationContext context = Benchmark
			.engine(admin.replace("/postgres?", "/" + database + "?"), threads)) {
			DurableFlow flow = context.getBean(DurableFlow.class);
			return Benchmark.throughputOf(context, threads, warmup, seconds, 0, (n) -> {
				if (graph) {
					flow.start("bench-step-graph", n, StartOptions.defaults());
				}
				else {
					flow.start("bench-three-steps", n, StartOptions.defaults());
				}
			}).workflows();
		}
	}

}
