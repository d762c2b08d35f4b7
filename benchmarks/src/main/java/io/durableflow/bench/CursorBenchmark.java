package io.durableflow.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.durableflow.DurableFlow;
import io.durableflow.RunStatus;
import io.durableflow.StartOptions;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Cursor steps: how many durable advances a second, for one loop alone (each advance
 * waits for its own commit) and for many loops at once (their advances share commits).
 * Each advance is a fenced commit, as a raw insert+commit is one: the raw rates of the
 * same run are the baseline.
 */
final class CursorBenchmark {

	private CursorBenchmark() {
	}

	/**
	 * Advances per second of {@code loops} runs advancing {@code advances} times each.
	 */
	static double advancesPerSecond(ConfigurableApplicationContext context, int loops, int advances)
			throws InterruptedException {
		DurableFlow flow = context.getBean(DurableFlow.class);
		long started = System.nanoTime();
		List<String> runs = new ArrayList<>();
		for (int i = 0; i < loops; i++) {
			runs.add(flow.start("bench-cursor", advances, StartOptions.defaults()).runId());
		}
		long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
		for (String runId : runs) {
			while (flow.find(runId).orElseThrow().status() != RunStatus.COMPLETED) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("Cursor loop " + runId + " did not finish within 5 minutes");
				}
				Thread.sleep(5);
			}
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		return loops * (double) advances / seconds;
	}

	/**
	 * {@code --cursor-advances N}: advances per second of one cursor loop of N advances,
	 * then of {@code threads} such loops at once, against raw insert+commit on 1 and on
	 * {@code threads} threads.
	 */
	static void run(String admin, int threads, int warmup, int seconds, int advances) throws Exception {
		Benchmark.createDatabase(admin, "bench_raw");
		Benchmark.createDatabase(admin, "bench_cursor");
		double raw1 = RawInserts.rate(admin.replace("/postgres?", "/bench_raw?"), 1, warmup, seconds);
		double rawN = RawInserts.rate(admin.replace("/postgres?", "/bench_raw?"), threads, warmup, seconds);
		try (ConfigurableApplicationContext context = Benchmark.engine(admin.replace("/postgres?", "/bench_cursor?"),
				threads)) {
			// warm-up: the JIT compiles the advance path first
			advancesPerSecond(context, threads, advances);
			double one = advancesPerSecond(context, 1, advances);
			double many = advancesPerSecond(context, threads, advances);
			System.out.printf(
					"cursor advances: one loop %.0f/s (raw commits on 1 thread %.0f/s, ratio %.2f); "
							+ "%d loops %.0f/s (raw commits on %d threads %.0f/s, ratio %.2f)%n",
					one, raw1, one / raw1, threads, many, threads, rawN, many / rawN);
		}
	}

}
