package io.durableflow.ui;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.durableflow.DurableFlow;
import io.durableflow.RunStatus;
import io.durableflow.StartOptions;
import io.durableflow.WorkflowRunView;
import io.durableflow.ui.app.UiTestApp;
import io.durableflow.ui.hostsecurity.CsrfHostSecurityConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Cancelling and retrying selected runs over the JSON API: what is done, what is skipped
 * and why, what is recorded, and what is refused.
 */
class BulkActionsApiTests {

	static ConsoleHttp http;

	static DurableFlow flow;

	static JdbcTemplate jdbc;

	@BeforeAll
	static void start() {
		http = new ConsoleHttp("durableflow.ui.allow-unauthenticated=true");
		flow = http.context().getBean(DurableFlow.class);
		jdbc = http.context().getBean(JdbcTemplate.class);
	}

	@AfterAll
	static void stop() {
		http.close();
	}

	@Test
	void cancellingSelectedRunsCancelsTheUnfinishedOnesAndNamesTheSkippedOnes() throws Exception {
		String first = waiting("api-cancel-1");
		String second = waiting("api-cancel-2");
		String finished = waiting("api-cancel-done");
		flow.notify("greeted", Map.of("name", finished));
		awaitStatus(finished, RunStatus.COMPLETED);

		HttpResponse<String> response = http.post("/durableflow/api/runs/cancel",
				"{\"runIds\":[\"api-cancel-2\",\"api-cancel-done\",\"api-cancel-1\",\"api-cancel-nope\"],"
						+ "\"reason\":\"tidy up\"}");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("{\"requested\":4,\"done\":[\"api-cancel-1\",\"api-cancel-2\"],"
				+ "\"skipped\":{\"notFound\":[\"api-cancel-nope\"],\"finished\":[\"api-cancel-done\"],"
				+ "\"notFailed\":[],\"noFailedStep\":[]}}");
		for (String runId : new String[] { first, second }) {
			WorkflowRunView run = flow.find(runId).orElseThrow();
			assertThat(run.status()).isEqualTo(RunStatus.CANCELLED);
			assertThat(run.error().orElseThrow().message()).isEqualTo("tidy up");
			assertThat(lastAction(runId)).containsEntry("action", "cancel")
				.containsEntry("by", "api")
				.containsEntry("reason", "tidy up");
		}
		assertThat(flow.find(finished).orElseThrow().status()).isEqualTo(RunStatus.COMPLETED);
	}

	@Test
	void retryingSelectedRunsRetriesTheFailedOnesAtTheStepThatFailedThem() throws Exception {
		String failed = flow.start("charge", "api-retry", StartOptions.builder().runId("api-retry-1").build()).runId();
		String waiting = waiting("api-retry-waiting");
		awaitStatus(failed, RunStatus.FAILED);
		UiTestApp.REPAIRED.add("api-retry");

		HttpResponse<String> response = http.post("/durableflow/api/runs/retry",
				"{\"runIds\":[\"api-retry-1\",\"api-retry-waiting\"]}");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"done\":[\"api-retry-1\"]")
			.contains("\"notFailed\":[\"api-retry-waiting\"]");
		assertThat(awaitStatus(failed, RunStatus.COMPLETED).output(String.class)).isEqualTo("charged api-retry");
		assertThat(lastAction(failed)).containsEntry("action", "retry_step")
			.containsEntry("by", "api")
			.containsEntry("step", "charge");
		assertThat(flow.find(waiting).orElseThrow().status()).isEqualTo(RunStatus.WAITING);
	}

	@Test
	void moreThanFiveHundredRunsInOneRequestAreRefusedWithAProblemAndNothingIsCancelled() throws Exception {
		String runId = waiting("api-too-many");
		StringBuilder ids = new StringBuilder("\"api-too-many\"");
		for (int i = 0; i < 500; i++) {
			ids.append(",\"r").append(i).append('"');
		}

		HttpResponse<String> response = http.post("/durableflow/api/runs/cancel", "{\"runIds\":[" + ids + "]}");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.body()).contains("At most 500 runs per request; this one names 501");
		assertThat(flow.find(runId).orElseThrow().status()).isEqualTo(RunStatus.WAITING);
	}

	@Test
	void aRequestThatNamesNoRunsOrIsNotJsonIsRefused() throws Exception {
		assertThat(http.post("/durableflow/api/runs/cancel", "{}").statusCode()).isEqualTo(400);
		assertThat(http.post("/durableflow/api/runs/retry", "{\"runIds\":[]}").body()).contains("non-empty JSON array");
		assertThat(http.post("/durableflow/api/runs/cancel", "{\"runIds\":[42]}").body()).contains("non-blank string");
		// what a form on another site can send: neither JSON nor able to carry a CSRF
		// header
		String runId = waiting("api-form-post");
		assertThat(http
			.post("/durableflow/api/runs/cancel", "runIds=api-form-post", "Content-Type",
					"application/x-www-form-urlencoded")
			.statusCode()).isEqualTo(415);
		assertThat(flow.find(runId).orElseThrow().status()).isEqualTo(RunStatus.WAITING);
	}

	@Test
	void underTheHostsSpringSecurityABulkActionNeedsTheCsrfTokenThePageCarries() throws Exception {
		try (ConsoleHttp secured = ConsoleHttp.with(CsrfHostSecurityConfiguration.class)) {
			DurableFlow securedFlow = secured.context().getBean(DurableFlow.class);
			String runId = securedFlow.start("greeting", "csrf", StartOptions.builder().runId("csrf-1").build())
				.runId();
			HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
			String base = "http://localhost:" + secured.context().getEnvironment().getProperty("local.server.port");
			String page = browser
				.send(HttpRequest.newBuilder(URI.create(base + "/durableflow")).build(),
						HttpResponse.BodyHandlers.ofString())
				.body();
			String header = meta(page, "durableflow-csrf-header");
			String token = meta(page, "durableflow-csrf-token");
			HttpRequest.Builder cancel = HttpRequest.newBuilder(URI.create(base + "/durableflow/api/runs/cancel"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"runIds\":[\"csrf-1\"]}"));

			assertThat(browser.send(cancel.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
			assertThat(securedFlow.find(runId).orElseThrow().status().isTerminal()).isFalse();
			HttpResponse<String> allowed = browser.send(cancel.header(header, token).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(allowed.statusCode()).isEqualTo(200);
			assertThat(allowed.body()).contains("\"done\":[\"csrf-1\"]");
		}
	}

	private static String meta(String page, String name) {
		Matcher matcher = Pattern.compile("<meta name=\"" + name + "\" content=\"([^\"]+)\"").matcher(page);
		assertThat(matcher.find()).as("the page carries " + name).isTrue();
		return matcher.group(1);
	}

	private static String waiting(String runId) {
		flow.start("greeting", runId, StartOptions.builder().runId(runId).build());
		awaitStatus(runId, RunStatus.WAITING);
		return runId;
	}

	private static Map<String, Object> lastAction(String runId) {
		return jdbc.queryForMap("SELECT a->>'action' AS action, a->>'by' AS by, a->>'reason' AS reason, "
				+ "a->>'step' AS step FROM durableflow.workflow_runs, "
				+ "jsonb_array_elements(operator_actions) WITH ORDINALITY AS x(a, n) WHERE run_id = ? "
				+ "ORDER BY n DESC LIMIT 1", runId);
	}

	private static WorkflowRunView awaitStatus(String runId, RunStatus status) {
		await().atMost(Duration.ofSeconds(10))
			.until(() -> flow.find(runId).map(WorkflowRunView::status).orElse(null) == status);
		return flow.find(runId).orElseThrow();
	}

}
