package io.durableflow.ui;

import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import io.durableflow.DurableFlow;
import io.durableflow.RunStatus;
import io.durableflow.StartOptions;
import io.durableflow.WorkflowRunView;
import io.durableflow.ui.ConsoleQueries.RunFilter;
import io.durableflow.ui.ConsoleQueries.RunsQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Queues in the console: the runs list's queue filter and its index, and a run's queue,
 * priority and concurrency key.
 */
class QueuesConsoleTests {

	static ConsoleHttp http;

	static DurableFlow flow;

	static JdbcTemplate jdbc;

	static JsonMapper json;

	@BeforeAll
	static void start() {
		http = new ConsoleHttp("durableflow.ui.allow-unauthenticated=true", "durableflow.queues.single.concurrency=1",
				"durableflow.queues.single.description=<b>one at a time</b>",
				"durableflow.queues.mails.rate-limit.limit=100", "durableflow.queues.mails.rate-limit.period=1m",
				"durableflow.queues.mails.worker-concurrency=3", "durableflow.queues.tenants.concurrency-per-key=2");
		flow = http.context().getBean(DurableFlow.class);
		jdbc = http.context().getBean(JdbcTemplate.class);
		json = http.context().getBean(JsonMapper.class);
	}

	@AfterAll
	static void stop() {
		http.close();
	}

	@Test
	void theRunsListFiltersByQueueInItsPagesAndDefaultMeansTheDefaultQueue() throws Exception {
		flow.start("greeting", "in-default", StartOptions.builder().runId("qf-default").build());
		for (int i = 0; i < 53; i++) {
			flow.start("greeting", "tenant-" + i,
					StartOptions.builder().runId(String.format("qf-tenant-%02d", i)).queue("tenants").build());
		}
		String first = http.get("/durableflow?queue=tenants&runId=qf-").body();
		assertThat(count(first, "data-run-id=\"qf-tenant-")).isEqualTo(50);
		assertThat(first).doesNotContain("data-run-id=\"qf-default\"")
			.contains("data-filter-queue=\"tenants\"")
			.contains("<option value=\"tenants\" selected=\"selected\">tenants</option>");
		String older = first.substring(first.indexOf("href=\"", first.indexOf("class=\"pager\"")) + 6);
		older = older.substring(0, older.indexOf('"')).replace("&amp;", "&");
		assertThat(older).contains("queue=tenants");
		String second = http.get(older).body();
		assertThat(count(second, "data-run-id=\"qf-tenant-")).isEqualTo(3);
		assertThat(second).doesNotContain("data-run-id=\"qf-default\"");

		String byDefault = http.get("/durableflow?queue=default&runId=qf-").body();
		assertThat(byDefault).contains("data-run-id=\"qf-default\"").doesNotContain("data-run-id=\"qf-tenant-");
		assertThat(http.get("/durableflow?queue=mails&runId=qf-").body()).contains("No runs match.");
	}

	@Test
	void theQueueFilterReadsThePartialIndexByQueueAlsoInAGenericPlan() {
		// many runs of the default queue, a few of another: the planner walks the primary
		// key backwards unless an index serves the filter
		jdbc.update(
				"""
						INSERT INTO durableflow.workflow_runs (run_id, workflow_name, status, queue, finished_at)
						SELECT 'bulk-' || g, 'greeting', 'completed', CASE WHEN g % 500 = 0 THEN 'mails' ELSE 'default' END, now()
						FROM generate_series(1, 60000) g""");
		jdbc.execute("ANALYZE durableflow.workflow_runs");
		RunsQuery query = ConsoleQueries.runsQuery(filterByQueue("mails"), null);
		assertThat(plan(query, false)).contains("workflow_runs_by_queue");
		assertThat(plan(query, true)).contains("workflow_runs_by_queue");
		assertThat(ConsoleQueries.runsQuery(filterByQueue("default"), null).sql()).doesNotContain("<>");
	}

	@Test
	void aRunShowsItsQueuePriorityAndConcurrencyKeyOnItsPageAndInTheApi() throws Exception {
		String runId = flow
			.start("greeting", "keyed",
					StartOptions.builder()
						.runId("keyed-run")
						.queue("tenants")
						.priority(5)
						.concurrencyKey("tenant-<7>")
						.build())
			.runId();
		await().atMost(Duration.ofSeconds(15))
			.until(() -> flow.find(runId).map(WorkflowRunView::status).orElse(null) == RunStatus.WAITING);
		String page = http.get("/durableflow/runs/keyed-run").body();
		assertThat(page).contains("<a data-field=\"queue\" href=\"/durableflow?queue=tenants\">tenants</a>")
			.contains("<span data-field=\"priority\">5</span>")
			.contains("<code data-field=\"concurrency-key\">tenant-&lt;7&gt;</code>");
		Map<?, ?> run = json.readValue(http.get("/durableflow/api/runs/keyed-run").body(), Map.class);
		assertThat(run.get("queue")).isEqualTo("tenants");
		assertThat(run.get("priority")).isEqualTo(5);
		assertThat(run.get("concurrencyKey")).isEqualTo("tenant-<7>");

		String plain = flow.start("greeting", "plain", StartOptions.builder().runId("plain-run").build()).runId();
		Map<?, ?> plainRun = json.readValue(http.get("/durableflow/api/runs/" + plain).body(), Map.class);
		assertThat(plainRun.get("queue")).isEqualTo("default");
		assertThat(plainRun.get("priority")).isEqualTo(0);
		assertThat(plainRun.containsKey("concurrencyKey")).isTrue();
		assertThat(plainRun.get("concurrencyKey")).isNull();
		assertThat(http.get("/durableflow/runs/plain-run").body()).doesNotContain("data-field=\"concurrency-key\"");
	}

	private static RunFilter filterByQueue(String queue) {
		return new RunFilter(null, null, null, null, null, null, null, queue);
	}

	/**
	 * The plan of {@code query} for its arguments, or the generic plan that a prepared
	 * statement may be given after its first executions, made without them.
	 */
	private static String plan(RunsQuery query, boolean generic) {
		if (!generic) {
			return String.join("\n", jdbc.queryForList("EXPLAIN " + query.sql(), String.class, query.args()));
		}
		StringBuilder sql = new StringBuilder();
		int n = 0;
		for (char c : query.sql().toCharArray()) {
			sql.append((c == '?') ? "$" + (++n) : String.valueOf(c));
		}
		String arguments = String.join(", ",
				Arrays.stream(query.args()).map((arg) -> "'" + arg.toString().replace("'", "''") + "'").toList());
		return jdbc.execute((ConnectionCallback<String>) (connection) -> {
			try (Statement statement = connection.createStatement()) {
				statement.execute("PREPARE runs_page AS " + sql);
				statement.execute("SET plan_cache_mode = force_generic_plan");
				StringBuilder plan = new StringBuilder();
				try (ResultSet rows = statement.executeQuery("EXPLAIN EXECUTE runs_page(" + arguments + ")")) {
					while (rows.next()) {
						plan.append(rows.getString(1)).append('\n');
					}
				}
				finally {
					statement.execute("RESET plan_cache_mode");
					statement.execute("DEALLOCATE runs_page");
				}
				return plan.toString();
			}
		});
	}

	private static int count(String text, String needle) {
		int count = 0;
		for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
			count++;
		}
		return count;
	}

}
