package io.durableflow.ui;

import java.time.Duration;

import io.durableflow.DurableFlow;
import io.durableflow.RunStatus;
import io.durableflow.StartOptions;
import io.durableflow.WorkflowRunView;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ReadOnlyConsoleTests {

	@Test
	void aReadOnlyConsoleRefusesActionsButServesReads() throws Exception {
		try (ConsoleHttp http = new ConsoleHttp("durableflow.ui.allow-unauthenticated=true",
				"durableflow.ui.read-only=true")) {
			var refused = http.post("/durableflow/api/events", "{\"name\":\"x\"}");
			assertThat(refused.statusCode()).isEqualTo(403);
			assertThat(refused.body()).contains("read-only");
			assertThat(http.get("/durableflow/api/runs/nope").statusCode()).isEqualTo(404);

			DurableFlow flow = http.context().getBean(DurableFlow.class);
			String runId = flow.start("greeting", "ro", StartOptions.builder().runId("read-only-1").build()).runId();
			await().atMost(Duration.ofSeconds(10))
				.until(() -> flow.find(runId).map(WorkflowRunView::status).orElse(null) == RunStatus.WAITING);
			for (String action : new String[] { "cancel", "retry" }) {
				var bulk = http.post("/durableflow/api/runs/" + action, "{\"runIds\":[\"read-only-1\"]}");
				assertThat(bulk.statusCode()).isEqualTo(403);
				assertThat(bulk.body()).contains("read-only");
			}
			assertThat(flow.find(runId).orElseThrow().status()).isEqualTo(RunStatus.WAITING);
			String page = http.get("/durableflow").body();
			assertThat(page).contains("data-run-id=\"read-only-1\"")
				.doesNotContain("id=\"bulk-actions\"")
				.doesNotContain("class=\"select-run\"");
			assertThat(http.get("/durableflow/api/counts").body()).contains("\"waiting\":");
		}
	}

}
