package io.durableflow.ui;

import java.net.http.HttpResponse;
import java.time.Duration;

import io.durableflow.DurableFlow;
import io.durableflow.RunStatus;
import io.durableflow.StartOptions;
import io.durableflow.WorkflowRunView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * POST /durableflow/api/events and the run API: real HTTP, real PostgreSQL, problem
 * details for bad input.
 */
class EventsApiTests {

	static ConsoleHttp http;

	static DurableFlow flow;

	static JdbcTemplate jdbc;

	@BeforeAll
	static void start() {
		http = new ConsoleHttp("durableflow.ui.allow-unauthenticated=true", "durableflow.ui.api.max-request-size=1KB");
		flow = http.context().getBean(DurableFlow.class);
		jdbc = http.context().getBean(JdbcTemplate.class);
	}

	@AfterAll
	static void stop() {
		http.close();
	}

	@Test
	void anEventPostedOverHttpResumesTheMatchingRun() throws Exception {
		String runId = flow.start("greeting", "ada", StartOptions.defaults()).runId();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> flow.find(runId).map(WorkflowRunView::status).orElse(null) == RunStatus.WAITING);
		HttpResponse<String> response = http.post("/durableflow/api/events",
				"{\"name\":\"greeted\",\"payload\":{\"name\":\"ada\",\"from\":\"bob\"}}");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("{\"matched\":1}");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> flow.find(runId).map(WorkflowRunView::status).orElse(null) == RunStatus.COMPLETED);
		HttpResponse<String> run = http.get("/durableflow/api/runs/" + runId);
		assertThat(run.statusCode()).isEqualTo(200);
		assertThat(run.body()).contains("\"status\":\"completed\"").contains("\"output\":\"hello ada from bob\"");
		assertThat(http.get("/durableflow/api/runs/" + runId + "/timeline").body()).contains("\"name\":\"greeted\"");
	}

	@Test
	void badRequestsAnswerProblemDetailsAndStoreNothing() throws Exception {
		int before = events();
		assertProblem(http.post("/durableflow/api/events", "{\"name\": \"x\", "), 400, "not valid JSON");
		assertProblem(http.post("/durableflow/api/events", "{\"payload\": {}}"), 400, "non-blank string \\\"name\\\"");
		assertProblem(http.post("/durableflow/api/events", "{\"name\": \"  \"}"), 400, "non-blank");
		assertProblem(http.post("/durableflow/api/events", "[1, 2]"), 400, "must be a JSON object");
		assertProblem(http.post("/durableflow/api/events", "{\"name\": \"x\", \"payload\": [1]}"), 400,
				"must be a JSON object");
		String big = "{\"name\":\"x\",\"payload\":{\"blob\":\"" + "a".repeat(2000) + "\"}}";
		assertProblem(http.post("/durableflow/api/events", big), 400, "larger than 1024 bytes");
		assertThat(events()).isEqualTo(before);
	}

	@Test
	void unknownRunsAndImpossibleActionsAnswer404And409() throws Exception {
		assertProblem(http.get("/durableflow/api/runs/nope"), 404, "No workflow run with id 'nope'");
		assertProblem(http.post("/durableflow/api/runs/nope/cancel", "{}"), 404, "nope");
		String runId = flow.start("greeting", "eve", StartOptions.defaults()).runId();
		HttpResponse<String> cancelled = http.post("/durableflow/api/runs/" + runId + "/cancel",
				"{\"reason\":\"<script>alert(1)</script>\"}");
		assertThat(cancelled.statusCode()).isEqualTo(200);
		assertThat(cancelled.body()).contains("\"status\":\"cancelled\"");
		assertProblem(http.post("/durableflow/api/runs/" + runId + "/cancel", "{}"), 409, "cannot be cancelled");
		assertProblem(http.post("/durableflow/api/runs/" + runId + "/steps/answer/retry", ""), 409,
				"cannot be retried");
	}

	@Test
	void aCancelOrRetryThatAFormOnAnotherSiteCouldSendIsRefusedAndChangesNothing() throws Exception {
		String runId = flow.start("greeting", "mallory", StartOptions.defaults()).runId();
		// parked in its wait, where only a cancel would move it
		await().atMost(Duration.ofSeconds(10))
			.until(() -> flow.find(runId).map(WorkflowRunView::status).orElse(null) == RunStatus.WAITING);
		// what a page elsewhere can send without the browser asking first: a form, plain
		// text, or no body and no content type
		assertThat(http
			.send("POST", "/durableflow/api/runs/" + runId + "/cancel", "application/x-www-form-urlencoded", "reason=x")
			.statusCode()).isEqualTo(415);
		assertThat(http.send("POST", "/durableflow/api/runs/" + runId + "/cancel", "text/plain", "").statusCode())
			.isEqualTo(415);
		assertThat(http.send("POST", "/durableflow/api/runs/" + runId + "/cancel", null, null).statusCode())
			.isEqualTo(415);
		assertThat(
				http.send("POST", "/durableflow/api/runs/" + runId + "/steps/greeted/retry", null, null).statusCode())
			.isEqualTo(415);
		assertThat(flow.find(runId).orElseThrow().status()).isEqualTo(RunStatus.WAITING);
		// the JSON content type with no body is enough
		assertThat(
				http.send("POST", "/durableflow/api/runs/" + runId + "/cancel", "application/json", null).statusCode())
			.isEqualTo(200);
		assertThat(flow.find(runId).orElseThrow().status()).isEqualTo(RunStatus.CANCELLED);
	}

	private static int events() {
		return jdbc.queryForObject("SELECT count(*) FROM durableflow.workflow_events", Integer.class);
	}

	private static void assertProblem(HttpResponse<String> response, int status, String detail) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.body()).contains("\"status\":" + status).contains(detail);
	}

}
