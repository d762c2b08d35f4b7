package io.durableflow.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.durableflow.DurableFlow;
import io.durableflow.StartOptions;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code --transactional}: three transactional steps ({@code bench-three-tx}, each body
 * in the transaction that records it, written on the worker's thread) against the three
 * plain steps of {@code bench-three-steps} (whose rows share group commits), same bodies,
 * same run, alternated twice, each in a fresh database and engine. The engine's
 * transaction manager is Spring Boot's (a {@code JpaTransactionManager}, as in any
 * application with JPA).
 */
final class TransactionalBenchmark {

	private TransactionalBenchmark() {
	}

	static void run(String admin, String settings, int threads, int warmup, int seconds) throws Exception {
		List<String> lines = new ArrayList<>();
		String manager = null;
		for (int round = 0; round < 2; round++) {
			Result plain = measure(admin, "bench_plain_" + round, threads, warmup, seconds, "bench-three-steps");
			Result transactional = measure(admin, "bench_tx_" + round, threads, warmup, seconds, "bench-three-tx");
			manager = transactional.manager();
			String line = String.format("| %d | %,.0f | %,.0f | %.2f |", round + 1, plain.workflows(),
					transactional.workflows(), transactional.workflows() / plain.workflows());
			System.out.println(line);
			lines.add(line);
		}
		String report = String.join("\n", "# Transactional steps against plain steps, " + LocalDate.now(), "",
				"Machine: " + Runtime.getRuntime().availableProcessors() + " cores; " + settings, "",
				"Three-step workflows per second, " + threads + " clients and workers, " + warmup + " s warm-up, "
						+ seconds + " s measured, each in a fresh database; transaction manager " + manager + ":",
				"", "| round | three plain steps | three transactional steps | ratio |", "|---|---|---|---|",
				String.join("\n", lines), "");
		Path results = Path.of("benchmarks", "results");
		Files.createDirectories(results);
		Files.writeString(results.resolve("transactional.md"), report);
	}

	private static Result measure(String admin, String database, int threads, int warmup, int seconds, String workflow)
			throws Exception {
		Benchmark.createDatabase(admin, database);
		try (ConfigurableApplicationContext context = Benchmark
			.engine(admin.replace("/postgres?", "/" + database + "?"), threads)) {
			DurableFlow flow = context.getBean(DurableFlow.class);
			double workflows = Benchmark
				.throughputOf(context, threads, warmup, seconds, 0,
						(n) -> flow.start(workflow, n, StartOptions.defaults()))
				.workflows();
			return new Result(workflows, context.getBean(PlatformTransactionManager.class).getClass().getSimpleName());
		}
	}

	private record Result(double workflows, String manager) {
	}

}
