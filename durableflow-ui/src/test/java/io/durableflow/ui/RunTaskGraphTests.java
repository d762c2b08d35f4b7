package io.durableflow.ui;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.durableflow.DurableFlow;
import io.durableflow.RunStatus;
import io.durableflow.StartOptions;
import io.durableflow.WorkflowDefinitions;
import io.durableflow.WorkflowDefinitions.Format;
import io.durableflow.WorkflowRunView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A YAML run's task graph on its page and {@code GET {path}/api/runs/{runId}/tasks}, over
 * real HTTP, the runs executed by the starter's task-graph executor on real PostgreSQL.
 */
class RunTaskGraphTests {

	static final String APPROVAL = """
			ref: docs.signoff
			version: "1"
			tasks:
			  - name: prepare
			    action: core.echo
			    on_success: ask
			  - name: ask
			    action: core.inquiry
			    on_success: publish
			  - name: publish
			    action: core.echo
			""";

	static final JsonMapper MAPPER = JsonMapper.builder().build();

	static ConsoleHttp http;

	@BeforeAll
	static void start() {
		http = new ConsoleHttp("durableflow.ui.allow-unauthenticated=true", "ui-test.echoing-executor=false");
		http.context().getBean(WorkflowDefinitions.class).create(APPROVAL, Format.YAML);
	}

	@AfterAll
	static void stop() {
		http.close();
	}

	@Test
	void theTasksOfAYamlRunAreItsDefinitionsTasksEachWithItsStatusAtThePinnedRevision() throws Exception {
		String runId = startAndAwaitTheInquiry("api-signoff-1");
		HttpResponse<String> tasks = http.get("/durableflow/api/runs/" + runId + "/tasks");
		assertThat(tasks.statusCode()).as(tasks.body()).isEqualTo(200);
		assertThat(tasks.body()).isEqualTo("{\"ref\":\"docs.signoff\",\"revision\":1,"
				+ "\"tasks\":{\"prepare\":\"succeeded\",\"ask\":\"waiting\",\"publish\":\"pending\"}}");

		// a new revision changes runs started after it, not this one's picture
		definitions().update("docs.signoff",
				APPROVAL.replace("  - name: publish", "  - name: later\n    action: core.noop\n  - name: publish"),
				Format.YAML);
		String page = http.get("/durableflow/runs/" + runId).body();
		assertThat(page).contains("id=\"task-graph\"")
			.contains("data-revision=\"1\"")
			.contains("data-task=\"ask\" data-status=\"waiting\"")
			.doesNotContain("data-task=\"later\"");
		assertThat(http.get("/durableflow/api/runs/" + runId + "/tasks").body()).doesNotContain("later");

		http.context().getBean(DurableFlow.class).notify("durableflow.inquiry", Map.of("run_id", runId, "step", "ask"));
		awaitStatus(runId, RunStatus.COMPLETED);
		// the part the page fetches again after a change draws the graph as it is now
		String parts = http.get("/durableflow/runs/" + runId + "/parts").body();
		assertThat(parts).contains("id=\"task-graph\"").contains("data-task=\"publish\" data-status=\"succeeded\"");
		JsonNode done = MAPPER.readTree(http.get("/durableflow/api/runs/" + runId + "/tasks").body()).get("tasks");
		assertThat(done.propertyNames()).containsExactly("prepare", "ask", "publish");
		assertThat(done.valueStream().map(JsonNode::asString).toList())
			.isEqualTo(List.of("succeeded", "succeeded", "succeeded"));
	}

	@Test
	void aCodeWorkflowsRunHasNoTasksAndNoGraphAndAnUnknownRunIsNotFound() throws Exception {
		String runId = http.context()
			.getBean(DurableFlow.class)
			.start("greeting", "code", StartOptions.builder().runId("api-code-1").build())
			.runId();
		assertThat(http.get("/durableflow/api/runs/" + runId + "/tasks").body())
			.isEqualTo("{\"ref\":\"greeting\",\"revision\":null,\"tasks\":{}}");
		assertThat(http.get("/durableflow/runs/" + runId).body()).doesNotContain("task-graph");

		HttpResponse<String> unknown = http.get("/durableflow/api/runs/no-such-run/tasks");
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(unknown.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(unknown.body()).contains("no-such-run");
	}

	private static String startAndAwaitTheInquiry(String runId) {
		definitions().start("docs.signoff", Map.of(), runId);
		awaitStatus(runId, RunStatus.WAITING);
		return runId;
	}

	private static void awaitStatus(String runId, RunStatus status) {
		await().atMost(Duration.ofSeconds(15))
			.until(() -> http.context()
				.getBean(DurableFlow.class)
				.find(runId)
				.map(WorkflowRunView::status)
				.orElse(null) == status);
	}

	private static WorkflowDefinitions definitions() {
		return http.context().getBean(WorkflowDefinitions.class);
	}

}
