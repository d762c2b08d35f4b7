package io.durableflow.ui;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import io.durableflow.DurableFlow;
import io.durableflow.RunStatus;
import io.durableflow.StartOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code GET {path}/api/runs/{runId}/graph} and the run page of a step graph's run, over
 * real HTTP, the run executed on real PostgreSQL.
 */
class StepGraphApiTests {

	static final JsonMapper MAPPER = JsonMapper.builder().build();

	static ConsoleHttp http;

	@BeforeAll
	static void start() {
		http = new ConsoleHttp("durableflow.ui.allow-unauthenticated=true");
	}

	@AfterAll
	static void stop() {
		http.close();
	}

	@Test
	void theGraphOfAStepGraphsRunIsItsStepsEdgesAndStatusesWithEmittedStepsOnceEmitted() throws Exception {
		DurableFlow flow = http.context().getBean(DurableFlow.class);
		String runId = flow
			.start("ui.steps", Map.of("doc", "plan"), StartOptions.builder().runId("api-steps-1").build())
			.runId();
		awaitStatus(flow, runId, RunStatus.WAITING);
		HttpResponse<String> response = http.get("/durableflow/api/runs/" + runId + "/graph");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode graph = MAPPER.readTree(response.body());
		assertThat(graph.get("workflowName").asString()).isEqualTo("ui.steps");
		assertThat(graph.get("steps")).hasSize(3);
		assertThat(graph.get("steps").get(1).get("id").asString()).isEqualTo("ask");
		assertThat(graph.get("steps").get(1).get("status").asString()).isEqualTo("waiting");
		assertThat(graph.get("steps").get(2).get("dependsOn").get(0).asString()).isEqualTo("ask");
		assertThat(graph.get("edges").toString())
			.isEqualTo("[{\"from\":\"prepare\",\"to\":\"ask\"},{\"from\":\"ask\",\"to\":\"fan\"}]");
		assertThat(http.get("/durableflow/runs/" + runId).body()).contains("data-kind=\"steps\"")
			.contains("data-task=\"ask\" data-status=\"waiting\"");

		flow.notify("durableflow.inquiry", Map.of("run_id", runId, "step", "ask.run"));
		awaitStatus(flow, runId, RunStatus.COMPLETED);
		JsonNode done = MAPPER.readTree(http.get("/durableflow/api/runs/" + runId + "/graph").body());
		assertThat(done.get("steps")).hasSize(5);
		assertThat(done.get("steps").get(3).get("id").asString()).isEqualTo("page[0]");
		assertThat(done.get("steps").get(3).get("emittedBy").asString()).isEqualTo("fan");
		done.get("steps").forEach((step) -> assertThat(step.get("status").asString()).isEqualTo("succeeded"));
	}

	@Test
	void aChildRunWhoseIdHasSlashesHasAPageAndJsonReachedFromItsParentsLink() throws Exception {
		DurableFlow flow = http.context().getBean(DurableFlow.class);
		String runId = flow
			.start("ui.steps", Map.of("doc", "plan"), StartOptions.builder().runId("api-steps-children").build())
			.runId();
		awaitStatus(flow, runId, RunStatus.WAITING);
		flow.notify("durableflow.inquiry", Map.of("run_id", runId, "step", "ask.run"));
		awaitStatus(flow, runId, RunStatus.COMPLETED);
		String childId = flow.timeline(runId)
			.steps()
			.stream()
			.filter((step) -> step.name().endsWith(".start"))
			.findFirst()
			.map((step) -> MAPPER.readValue(step.resultJson(), String.class))
			.orElseThrow();
		assertThat(childId).startsWith(runId + "/");
		String path = ConsolePaths.encode(childId);
		assertThat(http.get("/durableflow/runs/" + runId).body()).contains("href=\"/durableflow/runs/" + path + "\"");
		HttpResponse<String> page = http.get("/durableflow/runs/" + path);
		assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
		assertThat(page.body()).contains("data-run-id=\"" + childId.replace("[", "[") + "\"");
		assertThat(http.get("/durableflow/runs/" + path + "/parts").statusCode()).isEqualTo(200);
		JsonNode run = MAPPER.readTree(http.get("/durableflow/api/runs/" + path).body());
		assertThat(run.get("runId").asString()).isEqualTo(childId);
		assertThat(run.get("parentRunId").asString()).isEqualTo(runId);
		assertThat(http.get("/durableflow/api/runs/" + path + "/timeline").body()).contains("\"steps\"");
		assertThat(http.post("/durableflow/api/runs/" + path + "/cancel", "{}").statusCode()).as("a finished run")
			.isEqualTo(409);
		assertThat(http.get("/durableflow/api/runs/" + runId + "/no-such-child").statusCode()).isEqualTo(404);

		// the step's child run is a run of the built-in task workflow: no tasks of a
		// definition, no step graph of its own
		HttpResponse<String> tasks = http.get("/durableflow/api/runs/" + path + "/tasks");
		assertThat(tasks.statusCode()).as(tasks.body()).isEqualTo(200);
		assertThat(MAPPER.readTree(tasks.body()).get("ref").asString()).isEqualTo("durableflow.task");
		assertThat(MAPPER.readTree(tasks.body()).get("tasks").isEmpty()).isTrue();
		HttpResponse<String> graph = http.get("/durableflow/api/runs/" + path + "/graph");
		assertThat(graph.statusCode()).isEqualTo(404);
		assertThat(graph.headers().firstValue("Content-Type")).contains("application/problem+json");
		assertThat(graph.body()).contains("Run " + childId + " is not a step graph");
		for (String endpoint : new String[] { "", "/timeline", "/tasks", "/graph" }) {
			HttpResponse<String> unknown = http.get("/durableflow/api/runs/" + runId + "/no-such-child" + endpoint);
			assertThat(unknown.statusCode()).as(endpoint).isEqualTo(404);
			assertThat(unknown.headers().firstValue("Content-Type")).as(endpoint).contains("application/problem+json");
			assertThat(unknown.body()).as(endpoint).contains("'" + runId + "/no-such-child'");
		}
	}

	@Test
	void aStepGraphsRunWhoseIdHasSeveralPartsHasItsGraphUnlessARunHasTheWholePathAsItsId() throws Exception {
		DurableFlow flow = http.context().getBean(DurableFlow.class);
		String runId = flow
			.start("ui.steps", Map.of("doc", "plan"), StartOptions.builder().runId("api-steps/of#parts").build())
			.runId();
		awaitStatus(flow, runId, RunStatus.WAITING);
		String path = ConsolePaths.encode(runId);
		HttpResponse<String> response = http.get("/durableflow/api/runs/" + path + "/graph");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode graph = MAPPER.readTree(response.body());
		assertThat(graph.get("runId").asString()).isEqualTo(runId);
		assertThat(graph.get("steps").get(1).get("status").asString()).isEqualTo("waiting");
		assertThat(http.get("/durableflow/runs/" + path).body()).contains("data-task=\"ask\" data-status=\"waiting\"");

		String whole = flow.start("greeting", "whole", StartOptions.builder().runId(runId + "/graph").build()).runId();
		JsonNode run = MAPPER.readTree(http.get("/durableflow/api/runs/" + path + "/graph").body());
		assertThat(run.get("runId").asString()).isEqualTo(whole);
		assertThat(run.get("workflowName").asString()).isEqualTo("greeting");
	}

	@Test
	void anUnknownRunOrACodeWorkflowsRunHasNoGraph() throws Exception {
		HttpResponse<String> unknown = http.get("/durableflow/api/runs/no-such-run/graph");
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(unknown.body()).contains("no-such-run");
		DurableFlow flow = http.context().getBean(DurableFlow.class);
		String runId = flow.start("greeting", "code", StartOptions.builder().runId("api-steps-code").build()).runId();
		HttpResponse<String> code = http.get("/durableflow/api/runs/" + runId + "/graph");
		assertThat(code.statusCode()).isEqualTo(404);
		assertThat(code.body()).contains("not a step graph");
	}

	private static void awaitStatus(DurableFlow flow, String runId, RunStatus status) {
		await().atMost(Duration.ofSeconds(30)).until(() -> flow.find(runId).orElseThrow().status() == status);
	}

}
