package io.durableflow.ui;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import io.durableflow.DurableFlow;
import io.durableflow.RunStatus;
import io.durableflow.StartOptions;
import io.durableflow.WorkflowRunView;
import io.durableflow.ui.app.UiTestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The server-rendered pages: what they show, what they filter, and that they escape
 * everything.
 */
class ConsolePagesTests {

	static ConsoleHttp http;

	static DurableFlow flow;

	@BeforeAll
	static void start() {
		http = new ConsoleHttp("durableflow.ui.allow-unauthenticated=true");
		flow = http.context().getBean(DurableFlow.class);
	}

	@AfterAll
	static void stop() {
		http.close();
	}

	@Test
	void theRunsListShowsRunsWithTheirStatusAndEscapesWhatTheyCarry() throws Exception {
		String evil = "<script>alert('x')</script>";
		String runId = flow.start("greeting", evil, StartOptions.builder().runId("evil-<b>run").build()).runId();
		awaitStatus(runId, RunStatus.WAITING);
		HttpResponse<String> page = http.get("/durableflow");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("data-run-id=\"evil-&lt;b&gt;run\"")
			.contains("data-status=\"waiting\"")
			.doesNotContain("<b>run")
			.contains("/durableflow/assets/console.css");
		HttpResponse<String> run = http.get("/durableflow/runs/" + java.net.URLEncoder.encode(runId, "UTF-8"));
		assertThat(run.statusCode()).isEqualTo(200);
		assertThat(run.body()).contains("data-step-name=\"greeted\"")
			.contains("data-status=\"waiting\"")
			.doesNotContain("<script>alert")
			.doesNotContain("<b>run");
		flow.notify("greeted", Map.of("name", evil, "from", "<img src=x onerror=alert(1)>"));
		awaitStatus(runId, RunStatus.COMPLETED);
		String finished = http.get("/durableflow/runs/" + java.net.URLEncoder.encode(runId, "UTF-8")).body();
		assertThat(finished).contains("data-step-name=\"answer\"")
			.contains("&lt;img src=x onerror=alert(1)&gt;")
			.doesNotContain("<img src=x");
	}

	@Test
	void waitMatchesAndEventPayloadsAreShownAsJson() throws Exception {
		String runId = flow.start("greeting", "json-run", StartOptions.builder().runId("json-run").build()).runId();
		awaitStatus(runId, RunStatus.WAITING);
		String waiting = http.get("/durableflow/runs/json-run").body();
		assertThat(waiting).contains("{&quot;name&quot;:&quot;json-run&quot;}").doesNotContain("{name=json-run}");

		flow.notify("greeted", Map.of("name", "json-run", "from", "ada"));
		awaitStatus(runId, RunStatus.COMPLETED);
		String finished = http.get("/durableflow/runs/json-run").body();
		assertThat(finished).contains("&quot;from&quot; : &quot;ada&quot;").doesNotContain("from=ada");
	}

	@Test
	void theRunsListFiltersByErrorCode() throws Exception {
		String cancelled = flow.start("greeting", "to-cancel", StartOptions.builder().runId("coded-1").build()).runId();
		flow.start("greeting", "left-alone", StartOptions.builder().runId("coded-2").build());
		awaitStatus(cancelled, RunStatus.WAITING);
		flow.cancel(cancelled, "not needed");

		String page = http.get("/durableflow?errorCode=cancelled").body();
		assertThat(page).contains("data-run-id=\"coded-1\"")
			.doesNotContain("data-run-id=\"coded-2\"")
			.contains("data-filter-error-code=\"cancelled\"");
		assertThat(http.get("/durableflow?errorCode=no_such_code&runId=coded-").body()).contains("No runs match.");
	}

	@Test
	void filtersAndKeysetPagesWork() throws Exception {
		for (int i = 0; i < 55; i++) {
			flow.start("greeting", "page-" + i, StartOptions.builder().runId(String.format("page-%03d", i)).build());
		}
		String first = http.get("/durableflow?runId=page-").body();
		assertThat(count(first, "data-run-id=\"page-")).isEqualTo(50);
		assertThat(first).contains("page-054").doesNotContain("page-004\"").contains("Older runs");
		String olderLink = first.substring(first.indexOf("href=\"", first.indexOf("class=\"pager\"")) + 6);
		olderLink = olderLink.substring(0, olderLink.indexOf('"')).replace("&amp;", "&");
		String second = http.get(olderLink).body();
		assertThat(count(second, "data-run-id=\"page-")).isEqualTo(5);
		assertThat(second).contains("page-000").doesNotContain("Older runs");
		assertThat(http.get("/durableflow?status=failed&runId=page-").body()).contains("No runs match.");
	}

	@Test
	void definitionsUnknownRunsAndAssets() throws Exception {
		assertThat(http.get("/durableflow/definitions").body()).contains("data-workflow=\"greeting\"");
		HttpResponse<String> missing = http.get("/durableflow/runs/nope");
		assertThat(missing.statusCode()).isEqualTo(404);
		assertThat(missing.body()).contains("No workflow run with id &#39;nope&#39;");
		HttpResponse<String> css = http.get("/durableflow/assets/console.css");
		assertThat(css.statusCode()).isEqualTo(200);
		assertThat(css.headers().firstValue("Content-Type")).hasValueSatisfying((t) -> assertThat(t).contains("css"));
		assertThat(http.get("/durableflow/assets/live.js").body()).contains("textContent");
	}

	@Test
	void theDefinitionsPageShowsEachWorkflowWithItsInputTypeAndSource() throws Exception {
		String page = http.get("/durableflow/definitions").body();
		String greeting = page.substring(page.indexOf("data-workflow=\"greeting\""));
		greeting = greeting.substring(0, greeting.indexOf("</tr>"));
		assertThat(greeting).contains("<code>java.lang.String</code>").contains("<td>bean</td>");
	}

	@Test
	void theRunsListShowsTheCountsOfTheApiForEveryStatus() {
		// both read one cached count; retried in case the cache is renewed between the
		// two reads
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			String page = http.get("/durableflow").body();
			flow.counts()
				.byStatus()
				.forEach((status, count) -> assertThat(page)
					.contains("data-count=\"" + status.dbValue() + "\">" + count + "</strong>"));
		});
	}

	@Test
	void theRunPageDrawsATimeAxisAndTheTimeASleepKeptTheRunParked() throws Exception {
		String runId = flow
			.start("onboarding", new UiTestApp.Onboard("axis", 300), StartOptions.builder().runId("axis-1").build())
			.runId();
		awaitStatus(runId, RunStatus.WAITING);
		String page = http.get("/durableflow/runs/axis-1").body();
		assertThat(page).containsPattern("<rect class=\"gap kind-sleep\"[^>]* x=\"[0-9.]+%\" width=\"[0-9.]+%\"")
			.contains("<title>sleep cool_down · ")
			.containsPattern("<rect class=\"gap kind-wait\"")
			.containsPattern("text-anchor=\"start\">0 s</text>")
			.containsPattern("<text class=\"total\" x=\"100%\" dx=\"-2\" text-anchor=\"end\" y=\"[0-9]+\">");
	}

	@Test
	void theRunPagesLivePartsAreItsChangingSectionsEscapedWithoutTheRestOfThePage() throws Exception {
		String evil = "<img src=x onerror=alert(1)>";
		String runId = flow
			.start("onboarding", new UiTestApp.Onboard(evil, 1), StartOptions.builder().runId("parts-1").build())
			.runId();
		awaitStatus(runId, RunStatus.WAITING);
		HttpResponse<String> parts = http.get("/durableflow/runs/parts-1/parts");
		assertThat(parts.statusCode()).isEqualTo(200);
		assertThat(parts.body())
			.contains("id=\"run-header\"", "id=\"run-picture\"", "id=\"run-steps\"", "id=\"run-log\"", "id=\"outcome\"",
					"onboarding started", "&lt;img src=x onerror=alert(1)&gt;")
			.doesNotContain("<img src=x")
			.doesNotContain("<nav")
			.doesNotContain("<html")
			.doesNotContain("id=\"send-event\"");
		assertThat(http.get("/durableflow/runs/nope/parts").statusCode()).isEqualTo(404);
	}

	@Test
	void theRunsListOffersEveryRunForSelectionAndTheBulkActions() throws Exception {
		flow.start("greeting", "selectable", StartOptions.builder().runId("select-1").build());
		String page = http.get("/durableflow?runId=select-").body();
		assertThat(page).contains("<input type=\"checkbox\" class=\"select-run\" value=\"select-1\"")
			.contains("id=\"bulk-cancel\"")
			.contains("id=\"bulk-retry\"")
			.contains("id=\"select-all\"");
	}

	private static int count(String text, String needle) {
		int count = 0;
		for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
			count++;
		}
		return count;
	}

	private static void awaitStatus(String runId, RunStatus status) {
		await().atMost(Duration.ofSeconds(10))
			.until(() -> flow.find(runId).map(WorkflowRunView::status).orElse(null) == status);
	}

}
