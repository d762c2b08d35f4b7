package io.durableflow.ui;

import java.net.http.HttpResponse;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.durableflow.DurableFlow;
import io.durableflow.RunStatus;
import io.durableflow.StartOptions;
import io.durableflow.WorkflowRunView;
import io.durableflow.ui.ConsoleQueries.RunFilter;
import io.durableflow.ui.ConsoleQueries.RunsQuery;
import io.durableflow.ui.app.UiTestApp.Held;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Queues in the console: {@code GET /api/queues}, the queues page, the runs list's queue
 * filter and its index, and a run's queue, priority and concurrency key.
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
	void theQueuesApiListsEveryDeclaredQueueWithItsLimitsAndWhatIsInItNow() throws Exception {
		for (int i = 1; i <= 3; i++) {
			flow.start("held", "api-" + i, StartOptions.builder().runId("api-" + i).queue("single").build());
		}
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
			Map<?, ?> single = queue("single");
			assertThat(single.get("running")).isEqualTo(1);
			assertThat(single.get("queued")).isEqualTo(2);
		});
		Instant oldest = Instant.parse((String) queue("single").get("oldestQueuedAt"));
		assertThat(oldest).isBefore(Instant.now()).isAfter(Instant.now().minusSeconds(60));

		HttpResponse<String> response = http.get("/durableflow/api/queues");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		List<?> queues = json.readValue(response.body(), List.class);
		assertThat(queues.stream().map((queue) -> (Object) ((Map<?, ?>) queue).get("name")).toList())
			.containsExactly("default", "mails", "single", "tenants");
		assertThat(response.body()).contains("{\"name\":\"mails\",\"description\":null,\"concurrency\":null,"
				+ "\"workerConcurrency\":3,\"concurrencyPerKey\":null,\"running\":0,\"queued\":0,\"moreQueued\":false,"
				+ "\"rateLimit\":{\"limit\":100,\"period\":\"PT1M\"},\"oldestQueuedAt\":null}")
			.contains("{\"name\":\"single\",\"description\":\"<b>one at a time</b>\",\"concurrency\":1,"
					+ "\"workerConcurrency\":null,\"concurrencyPerKey\":null,\"running\":1,\"queued\":2,\"moreQueued\":false,"
					+ "\"rateLimit\":null,\"oldestQueuedAt\":\"" + oldest + "\"}")
			.contains("\"name\":\"tenants\",\"description\":null,\"concurrency\":null,\"workerConcurrency\":null,"
					+ "\"concurrencyPerKey\":2,");

		for (int i = 1; i <= 3; i++) {
			Held.release("api-" + i);
		}
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
			Map<?, ?> single = queue("single");
			assertThat(single.get("running")).isEqualTo(0);
			assertThat(single.get("queued")).isEqualTo(0);
			assertThat(single.get("oldestQueuedAt")).isNull();
		});
	}

	@Test
	void theQueuesPageShowsEachQueuesLimitsAndNumbersEscaped() throws Exception {
		HttpResponse<String> page = http.get("/durableflow/queues");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("<a href=\"/durableflow/queues\">Queues</a>")
			.contains("/durableflow/assets/queues.js")
			.contains("&lt;b&gt;one at a time&lt;/b&gt;")
			.doesNotContain("<b>one at a time</b>");
		String mails = row(page.body(), "mails");
		assertThat(mails).contains("title=\"PT1M\">100 per 1 min</td>")
			.contains("<td data-field=\"worker-concurrency\">3</td>")
			.contains("<td data-field=\"concurrency-per-key\">—</td>")
			.contains("no limit")
			.contains("<td data-field=\"oldest\">—</td>")
			.contains("href=\"/durableflow?queue=mails\"");
		assertThat(row(page.body(), "single")).contains("of 1").contains("<td data-field=\"rate-limit\">—</td>");
		assertThat(row(page.body(), "tenants")).contains("<td data-field=\"concurrency-per-key\">2</td>");
		assertThat(http.get("/durableflow/assets/queues.js").body()).contains("textContent")
			.doesNotContain("innerHTML");
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

	private static Map<?, ?> queue(String name) throws Exception {
		List<?> queues = json.readValue(http.get("/durableflow/api/queues").body(), List.class);
		return queues.stream()
			.map((queue) -> (Map<?, ?>) queue)
			.filter((queue) -> name.equals(queue.get("name")))
			.findFirst()
			.orElseThrow();
	}

	private static String row(String page, String queue) {
		String row = page.substring(page.indexOf("data-queue=\"" + queue + "\""));
		return row.substring(0, row.indexOf("</tr>"));
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
