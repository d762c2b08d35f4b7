package io.durableflow.ui;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import io.durableflow.DurableFlow;
import io.durableflow.RunStatus;
import io.durableflow.WorkflowTimeline;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over real HTTP on real PostgreSQL, a run that executed: its steps' inputs (a task
 * without {@code input} gets all the parameters) and results ({@code core.echo} returns
 * them) are shown with the secret parameters' values masked, on the run page and in the
 * JSON timeline, while the stored steps keep them.
 */
class SecretStepInputsConsoleTests {

	static final String DEPLOY = """
			ref: ops.deploy_steps
			version: "1"
			parameters:
			  region: {type: string, default: eu}
			  token: {type: string, required: true, secret: true}
			tasks:
			  - name: call
			    action: core.echo
			    next:
			      - when: "{{ succeeded() }}"
			        do: [header]
			  - name: header
			    action: core.echo
			    input:
			      authorization: "Bearer {{ parameters.token }}"
			      region: "{{ parameters.region }}"
			output_map:
			  sent: "{{ task.header.result.authorization }}"
			  region: "{{ parameters.region }}"
			""";

	static final JsonMapper MAPPER = JsonMapper.builder().build();

	static ConsoleHttp http;

	static String runId;

	@BeforeAll
	static void start() throws Exception {
		Path packs = Files.createTempDirectory("packs");
		http = new ConsoleHttp("durableflow.ui.allow-unauthenticated=true", "ui-test.echoing-executor=false",
				"durableflow.definitions.locations=file:" + packs + "/");
		HttpResponse<String> created = http.send("POST", "/durableflow/api/workflows", "application/yaml", DEPLOY);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		HttpResponse<String> started = http.post("/durableflow/api/workflows/ops.deploy_steps/runs", """
				{"parameters": {"token": "tok-123456"}}""");
		assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
		runId = MAPPER.readTree(started.body()).get("runId").asString();
		DurableFlow flow = http.context().getBean(DurableFlow.class);
		Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
		while (flow.find(runId).orElseThrow().status() != RunStatus.COMPLETED) {
			assertThat(Instant.now()).as("the run completes").isBefore(deadline);
			Thread.sleep(50);
		}
	}

	@AfterAll
	static void stop() {
		http.close();
	}

	@Test
	void theStoredStepsKeepTheSecretForTheWorkflow() {
		WorkflowTimeline stored = http.context().getBean(DurableFlow.class).timeline(runId);
		assertThat(stored.steps()).extracting(WorkflowTimeline.StepEntry::inputJson)
			.allSatisfy((input) -> assertThat(input).contains("tok-123456"));
	}

	@Test
	void theRunsOutputIsShownMaskedOnThePageAndInTheApi() throws Exception {
		String page = http.get("/durableflow/runs/" + runId).body();
		assertThat(page).contains("<summary>Output</summary>", "&quot;sent&quot;:&quot;******&quot;");
		JsonNode run = MAPPER.readTree(http.get("/durableflow/api/runs/" + runId).body());
		assertThat(run.get("output")).isEqualTo(MAPPER.readTree("{\"sent\": \"******\", \"region\": \"eu\"}"));
	}

	@Test
	void theRunPageShowsStepInputsAndResultsWithTheSecretMasked() throws Exception {
		String page = http.get("/durableflow/runs/" + runId).body();
		assertThat(page).doesNotContain("tok-123456")
			.contains("<summary>Input</summary>", "&quot;region&quot;:&quot;eu&quot;",
					"&quot;authorization&quot;:&quot;******&quot;", "&quot;token&quot;:&quot;******&quot;");
	}

	@Test
	void theJsonTimelineShowsThemMaskedToo() throws Exception {
		HttpResponse<String> response = http.get("/durableflow/api/runs/" + runId + "/timeline");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).doesNotContain("tok-123456");
		JsonNode steps = MAPPER.readTree(response.body()).get("steps");
		assertThat(MAPPER.readTree(steps.get(0).get("inputJson").asString()))
			.isEqualTo(MAPPER.readTree("{\"region\": \"eu\", \"token\": \"******\"}"));
		assertThat(MAPPER.readTree(steps.get(1).get("resultJson").asString()))
			.isEqualTo(MAPPER.readTree("{\"authorization\": \"******\", \"region\": \"eu\"}"));
		assertThat(http.get("/durableflow/api/runs/nope/timeline").statusCode()).isEqualTo(404);
	}

}
