package io.durableflow.bench.dbos;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import dev.dbos.transact.DBOS;
import dev.dbos.transact.config.DBOSConfig;
import dev.dbos.transact.workflow.Workflow;
import dev.dbos.transact.workflow.WorkflowHandle;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The same workload as DurableFlow's benchmark, on DBOS Transact: raw insert+commit at N
 * threads as the baseline, then three-step workflows from N clients (4 outstanding each),
 * in one run on a durable embedded PostgreSQL. The figure to compare is each engine's
 * ratio to its own baseline.
 */
public final class DbosPeer {

	public interface Bench {

		int threeSteps(int input);

	}

	public static final class BenchImpl implements Bench {

		private final DBOS dbos;

		BenchImpl(DBOS dbos) {
			this.dbos = dbos;
		}

		@Override
		@Workflow(name = "bench-three-steps")
		public int threeSteps(int input) {
			int a = this.dbos.runStep(() -> input + 1, "one");
			int b = this.dbos.runStep(() -> a * 2, "two");
			return this.dbos.runStep(() -> b + 3, "three");
		}

	}

	private DbosPeer() {
	}

	public static void main(String[] args) throws Exception {
		int threads = arg(args, "--threads", 16);
		int seconds = arg(args, "--seconds", 15);
		int warmup = arg(args, "--warmup", 15);
		Path data = Files.createDirectories(Path.of("target", "pgdata-" + ProcessHandle.current().pid()));
		try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
			.setDataDirectory(data)
			.setCleanDataDirectory(true)
			.setServerConfig("fsync", "on")
			.setServerConfig("synchronous_commit", "on")
			.setServerConfig("max_connections", "300")
			.setServerConfig("shared_buffers", "256MB")
			.start()) {
			String admin = postgres.getJdbcUrl("postgres", "postgres");
			try (Connection c = DriverManager.getConnection(admin); Statement s = c.createStatement()) {
				s.execute("CREATE DATABASE bench_raw");
				s.execute("CREATE DATABASE bench_dbos");
				try (ResultSet rs = s.executeQuery("SHOW fsync")) {
					rs.next();
					System.out.println("fsync=" + rs.getString(1));
				}
			}
			double raw = raw(admin.replace("/postgres?", "/bench_raw?"), threads, warmup, seconds);
			String url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/bench_dbos";
			DBOS dbos = new DBOS(
					DBOSConfig.defaults("bench").withDatabaseUrl(url).withDbUser("postgres").withDbPassword(""));
			Bench bench = dbos.registerProxy(Bench.class, new BenchImpl(dbos));
			dbos.launch();
			try {
				double workflows = engine(dbos, bench, threads, warmup, seconds, url);
				System.out.printf("| raw JDBC insert+commit, %d threads | %.0f/s |%n", threads, raw);
				System.out.printf("| DBOS Transact 1.1.0-m6: 3-step workflows, steps | %.0f/s, %.0f/s |%n", workflows,
						workflows * 3);
				System.out.printf("| DBOS steps / raw commits at %d threads | %.2f |%n", threads, workflows * 3 / raw);
			}
			finally {
				dbos.shutdown();
			}
		}
		System.exit(0);
	}

	static double engine(DBOS dbos, Bench bench, int clients, int warmup, int seconds, String url) throws Exception {
		AtomicLong completed = new AtomicLong();
		AtomicBoolean measuring = new AtomicBoolean();
		AtomicBoolean running = new AtomicBoolean(true);
		List<Thread> threads = new ArrayList<>();
		for (int c = 0; c < clients; c++) {
			Thread client = new Thread(() -> {
				int n = 0;
				while (running.get()) {
					List<WorkflowHandle<Integer, RuntimeException>> handles = new ArrayList<>();
					for (int k = 0; k < 4; k++) {
						int input = n++;
						handles.add(dbos.startWorkflow(() -> bench.threeSteps(input)));
					}
					for (WorkflowHandle<Integer, RuntimeException> handle : handles) {
						handle.getResult();
						if (measuring.get()) {
							completed.incrementAndGet();
						}
					}
				}
			});
			client.start();
			threads.add(client);
		}
		Thread.sleep(TimeUnit.SECONDS.toMillis(warmup));
		// as the DurableFlow benchmark does: statistics of a database in service, not of
		// empty tables
		try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement()) {
			s.execute("ANALYZE");
		}
		measuring.set(true);
		long start = System.nanoTime();
		Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
		long done = completed.get();
		double elapsed = (System.nanoTime() - start) / 1e9;
		running.set(false);
		for (Thread client : threads) {
			client.join(30_000);
		}
		return done / elapsed;
	}

	static double raw(String url, int threads, int warmup, int seconds) throws Exception {
		try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
			s.execute("CREATE TABLE raw_rows (id bigserial PRIMARY KEY, payload text NOT NULL, "
					+ "created_at timestamptz NOT NULL DEFAULT now())");
		}
		AtomicLong count = new AtomicLong();
		AtomicBoolean measuring = new AtomicBoolean();
		AtomicBoolean running = new AtomicBoolean(true);
		List<Thread> workers = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			Thread worker = new Thread(() -> {
				try (Connection c = DriverManager.getConnection(url);
						PreparedStatement insert = c.prepareStatement("INSERT INTO raw_rows (payload) VALUES (?)")) {
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
		// as the DurableFlow benchmark does: statistics of a database in service, not of
		// empty tables
		try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement()) {
			s.execute("ANALYZE");
		}
		measuring.set(true);
		long start = System.nanoTime();
		Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
		long done = count.get();
		double elapsed = (System.nanoTime() - start) / 1e9;
		running.set(false);
		for (Thread worker : workers) {
			worker.join();
		}
		return done / elapsed;
	}

	static int arg(String[] args, String name, int fallback) {
		for (int i = 0; i < args.length - 1; i++) {
			if (args[i].equals(name)) {
				return Integer.parseInt(args[i + 1]);
			}
		}
		return fallback;
	}

}
