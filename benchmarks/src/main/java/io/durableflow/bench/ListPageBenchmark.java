package io.durableflow.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Server time of the console's runs list with a large table: fills {@code workflow_runs}
 * with {@code rows} finished and unfinished runs (one INSERT … SELECT generate_series),
 * then times full page requests over HTTP on loopback, unfiltered and with each kind of
 * filter.
 */
final class ListPageBenchmark {

	private ListPageBenchmark() {
	}

	static Map<String, double[]> measure(String url, int rows, int samples) throws Exception {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(BenchApp.class)
			.web(WebApplicationType.SERVLET)
			.run("--spring.datasource.url=" + url, "--server.port=0", "--durableflow.ui.allow-unauthenticated=true",
					"--durableflow.worker.enabled=false", "--spring.main.banner-mode=off",
					"--logging.level.root=WARN")) {
			long start = System.nanoTime();
			fill(url, rows);
			System.out.printf("inserted %d runs in %.1f s%n", rows, (System.nanoTime() - start) / 1e9);
			String base = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
			Map<String, String> pages = new LinkedHashMap<>();
			pages.put("unfiltered", "/durableflow");
			pages.put("status=failed", "/durableflow?status=failed");
			pages.put("workflow=bench-three-steps", "/durableflow?workflow=bench-three-steps");
			pages.put("userId=user-42", "/durableflow?userId=user-42");
			pages.put("runId prefix", "/durableflow?runId=run-0012");
			pages.put("second page (keyset)", "/durableflow?before=" + (rows / 2));
			HttpClient client = HttpClient.newHttpClient();
			Map<String, double[]> results = new LinkedHashMap<>();
			for (Map.Entry<String, String> page : pages.entrySet()) {
				double[] millis = new double[samples];
				for (int i = 0; i < samples + 5; i++) {
					long t0 = System.nanoTime();
					HttpResponse<String> response = client.send(
							HttpRequest.newBuilder(URI.create(base + page.getValue())).GET().build(),
							HttpResponse.BodyHandlers.ofString());
					long t1 = System.nanoTime();
					if (response.statusCode() != 200) {
						throw new IllegalStateException(page.getValue() + " answered " + response.statusCode());
					}
					if (i >= 5) {
						millis[i - 5] = (t1 - t0) / 1e6;
					}
				}
				Arrays.sort(millis);
				results.put(page.getKey(), millis);
			}
			return results;
		}
	}

	private static void fill(String url, int rows) throws Exception {
		try (Connection connection = DriverManager.getConnection(url);
				Statement statement = connection.createStatement()) {
			statement.execute("""
					INSERT INTO durableflow.workflow_runs (run_id, workflow_name, status, user_id, input, output,
					    created_at, updated_at, finished_at, next_due_at)
					SELECT 'run-' || lpad(g::text, 8, '0'),
					       CASE WHEN g % 3 = 0 THEN 'bench-three-steps' ELSE 'other-workflow' END,
					       CASE WHEN g % 100 = 0 THEN 'failed' WHEN g % 50 = 1 THEN 'sleeping' ELSE 'completed' END,
					       'user-' || (g % 1000), '1'::jsonb, '2'::jsonb,
					       now() - (g || ' seconds')::interval, now(),
					       CASE WHEN g % 50 = 1 THEN NULL ELSE now() END,
					       CASE WHEN g % 50 = 1 THEN now() + interval '1 day' ELSE NULL END
					FROM generate_series(1, ?) g""".replace("?", Integer.toString(rows)));
			statement.execute("ANALYZE durableflow.workflow_runs");
		}
	}

	static String report(int rows, String settings, Map<String, double[]> list) {
		StringBuilder report = new StringBuilder("# Console runs list with " + rows + " runs, " + LocalDate.now()
				+ "\n\nMachine: " + Runtime.getRuntime().availableProcessors() + " cores; " + settings
				+ "\n\n| page | p50 | p95 |\n|---|---|---|\n");
		list.forEach((page, millis) -> report.append(String.format("| %s | %.1f ms | %.1f ms |%n", page,
				Benchmark.percentile(millis, 50), Benchmark.percentile(millis, 95))));
		return report.append("\nFull page requests over HTTP on loopback (server time plus a local round trip); ")
			.append("counts by status are cached for 5 s, so one request in a few pays for the count.\n")
			.toString();
	}

}
