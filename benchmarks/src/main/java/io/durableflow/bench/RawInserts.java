package io.durableflow.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** The baseline: raw JDBC insert+commit of one row (autocommit), on some threads. */
final class RawInserts {

	private RawInserts() {
	}

	/** Inserts per second after a warm-up. */
	static double rate(String url, int threads, int warmup, int seconds) throws Exception {
		try (Connection setup = DriverManager.getConnection(url); Statement statement = setup.createStatement()) {
			statement.execute("CREATE TABLE IF NOT EXISTS raw_rows (id bigserial PRIMARY KEY, payload text NOT NULL, "
					+ "created_at timestamptz NOT NULL DEFAULT now())");
		}
		AtomicLong count = new AtomicLong();
		AtomicBoolean measuring = new AtomicBoolean();
		AtomicBoolean running = new AtomicBoolean(true);
		List<Thread> workers = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			Thread worker = new Thread(() -> {
				try (Connection connection = DriverManager.getConnection(url);
						PreparedStatement insert = connection
							.prepareStatement("INSERT INTO raw_rows (payload) VALUES (?)")) {
					connection.setAutoCommit(true);
					while (running.get()) {
						insert.setString(1, "{\"n\": 1}");
						insert.executeUpdate();
						if (measuring.get()) {
							count.incrementAndGet();
						}
					}
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			});
			worker.start();
			workers.add(worker);
		}
		Thread.sleep(TimeUnit.SECONDS.toMillis(warmup));
		measuring.set(true);
		long start = System.nanoTime();
		double jvmBefore = Benchmark.jvmCpuSeconds();
		double pgBefore = Benchmark.postgresCpuSeconds();
		Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
		long done = count.get();
		double elapsed = (System.nanoTime() - start) / 1e9;
		System.out.printf("raw, %d threads: CPU per insert+commit: JVM %.0f us, PostgreSQL %.0f us%n", threads,
				(Benchmark.jvmCpuSeconds() - jvmBefore) * 1e6 / done,
				(Benchmark.postgresCpuSeconds() - pgBefore) * 1e6 / done);
		running.set(false);
		for (Thread worker : workers) {
			worker.join();
		}
		return done / elapsed;
	}

}
