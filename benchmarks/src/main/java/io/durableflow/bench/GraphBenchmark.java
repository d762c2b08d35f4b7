package io.durableflow.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.durableflow.DurableFlow;
import io.durableflow.RunStatus;
import io.durableflow.StartOptions;
import io.durableflow.WorkflowDefinitions;
import io.durableflow.WorkflowRunView;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code --yaml}: the task-graph executor against the code workflow, same run, same
 * settings. A three-task YAML definition (each task the action {@code bench.add}, its
 * input a template of the previous task's result) against the three-step code workflow,
 * alternated twice, each in a fresh database and engine; then one run of a with_items
 * task of {@code --items} items at concurrency 50 (each item a child run): items per
 * second and the heap the engine used meanwhile.
 */
final class GraphBenchmark {

	static final String THREE_TASKS = """
			ref: bench.three_tasks
			version: "1"
			tasks:
			  - name: one
			    action: bench.add
			    input:
			      value: "{{ parameters.n }}"
			      add: 1
			    on_success: two
			  - name: two
			    action: bench.add
			    input:
			      value: "{{ task.one.result.value }}"
			      add: 2
			    on_success: three
			  - name: three
			    action: bench.add
			    input:
			      value: "{{ task.two.result.value }}"
			      add: 3
			output_map:
			  value: "{{ task.three.result.value }}"
			""";

	static final String ITEMS = """
			ref: bench.items
			version: "1"
			tasks:
			  - name: each
			    action: bench.add
			    with_items: "{{ range(parameters.count) | list }}"
			    concurrency: 50
			    input:
			      value: "{{ item }}"
			      add: 1
			""";

	private GraphBenchmark() {
	}

	static void run(String admin, String settings, int threads, int warmup, int seconds, int items) throws Exception {
		List<String> lines = new ArrayList<>();
		double[] code = new double[2];
		double[] yaml = new double[2];
		for (int round = 0; round < 2; round++) {
			code[round] = throughput(admin, "bench_code_" + round, threads, warmup, seconds, false);
			yaml[round] = throughput(admin, "bench_yaml_" + round, threads, warmup, seconds, true);
			String line = String.format("| %d | %,.0f | %,.0f | %.2f |", round + 1, code[round], yaml[round],
					yaml[round] / code[round]);
			System.out.println(line);
			lines.add(line);
		}
		String itemsLine = items(admin, threads, items);
		System.out.println(itemsLine);
		String report = String.join("\n", "# YAML task graphs against the code workflow, " + LocalDate.now(), "",
				"Machine: " + Runtime.getRuntime().availableProcessors() + " cores; " + settings, "",
				"Workflows per second, " + threads + " clients and workers, " + warmup + " s warm-up, " + seconds
						+ " s measured, each in a fresh database:",
				"", "| round | three-step code workflow | three-task YAML definition | ratio |", "|---|---|---|---|",
				String.join("\n", lines), "", itemsLine, "");
		Path results = Path.of("benchmarks", "results");
		Files.createDirectories(results);
		Files.writeString(results.resolve("yaml.md"), report);
	}

	private static double throughput(String admin, String database, int threads, int warmup, int seconds, boolean yaml)
			throws Exception {
		Benchmark.createDatabase(admin, database);
		try (ConfigurableApplicationContext context = Benchmark
			.engine(admin.replace("/postgres?", "/" + database + "?"), threads)) {
			DurableFlow flow = context.getBean(DurableFlow.class);
			if (yaml) {
				context.getBean(WorkflowDefinitions.class).create(THREE_TASKS, WorkflowDefinitions.Format.YAML);
			}
			return Benchmark.throughputOf(context, threads, warmup, seconds, 0, (n) -> {
				if (yaml) {
					flow.start("bench.three_tasks", Map.of("n", n), StartOptions.defaults());
				}
				else {
					flow.start("bench-three-steps", n, StartOptions.defaults());
				}
			}).workflows();
		}
	}

	/**
	 * One run of {@code count} items at concurrency 50: its time, and the heap meanwhile.
	 */
	private static String items(String admin, int threads, int count) throws Exception {
		Benchmark.createDatabase(admin, "bench_items");
		try (ConfigurableApplicationContext context = Benchmark.engine(admin.replace("/postgres?", "/bench_items?"),
				threads)) {
			DurableFlow flow = context.getBean(DurableFlow.class);
			context.getBean(WorkflowDefinitions.class).create(ITEMS, WorkflowDefinitions.Format.YAML);
			MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
			System.gc();
			long heapBefore = memory.getHeapMemoryUsage().getUsed();
			AtomicLong peak = new AtomicLong(heapBefore);
			AtomicBoolean sampling = new AtomicBoolean(true);
			Thread sampler = new Thread(() -> {
				while (sampling.get()) {
					peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
					try {
						Thread.sleep(50);
					}
					catch (InterruptedException ex) {
						return;
					}
				}
			});
			sampler.start();
			long started = System.nanoTime();
			String runId = flow.start("bench.items", Map.of("count", count), StartOptions.defaults()).runId();
			long deadline = started + Duration.ofMinutes(20).toNanos();
			WorkflowRunView run;
			while (!(run = flow.find(runId).orElseThrow()).status().isTerminal()) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("The items run did not finish within 20 minutes");
				}
				Thread.sleep(100);
			}
			double elapsed = (System.nanoTime() - started) / 1e9;
			sampling.set(false);
			sampler.join();
			System.gc();
			long heapAfter = memory.getHeapMemoryUsage().getUsed();
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			Integer executions = jdbc.queryForObject(
					"SELECT executions FROM durableflow.workflow_runs WHERE run_id = ?", Integer.class, runId);
			Integer children = jdbc.queryForObject(
					"SELECT count(*) FROM durableflow.workflow_runs WHERE parent_run_id = ? AND status = 'completed'",
					Integer.class, runId);
			return String.format(
					"with_items of %,d items at concurrency 50: %s in %.1f s, %,.0f items/s; %,d item "
							+ "runs completed; the parent executed %,d times; heap %,d MB before, %,d MB at most "
							+ "(sampled every 50 ms), %,d MB after a GC",
					count, run.status().dbValue(), elapsed, count / elapsed, children, executions, heapBefore >> 20,
					peak.get() >> 20, heapAfter >> 20);
		}
	}

}
