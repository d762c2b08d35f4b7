package io.durableflow.ui;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import io.durableflow.ArtifactRef;
import io.durableflow.DurableFlow;
import io.durableflow.RunStatus;
import io.durableflow.StartOptions;
import io.durableflow.WorkflowArtifacts;
import io.durableflow.WorkflowRunView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A run's artifacts over real HTTP: the list, and downloads that are never rendered. */
class ArtifactsApiTests {

	static ConsoleHttp http;

	static DurableFlow flow;

	static final JsonMapper json = new JsonMapper();

	@BeforeAll
	static void start() {
		http = new ConsoleHttp("durableflow.ui.allow-unauthenticated=true");
		flow = http.context().getBean(DurableFlow.class);
	}

	@AfterAll
	static void stop() {
		http.close();
	}

	@SafeVarargs
	static String run(Map<String, String>... artifacts) {
		String runId = flow.start("stores-artifacts", List.of(artifacts), StartOptions.defaults()).runId();
		await().until(() -> flow.find(runId).map(WorkflowRunView::status).orElse(null) == RunStatus.COMPLETED);
		return runId;
	}

	static Map<String, String> artifact(String name, String type, String text) {
		return Map.of("name", name, "type", type, "text", text);
	}

	@Test
	@SuppressWarnings("unchecked")
	void theListGivesEachArtifactWithItsDownloadPath() throws Exception {
		String runId = run(artifact("report.csv", "text/csv", "a,b\n1,2\n"), artifact("empty.txt", "text/plain", ""));
		HttpResponse<String> response = http.get("/durableflow/api/runs/" + runId + "/artifacts");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		List<?> list = json.readValue(response.body(), List.class);
		assertThat(list).hasSize(2);
		@SuppressWarnings("unchecked")
		Map<String, Object> first = (Map<String, Object>) list.get(0);
		ArtifactRef ref = http.context().getBean(WorkflowArtifacts.class).list(runId).get(0);
		assertThat(first).containsEntry("id", ref.id())
			.containsEntry("name", "report.csv")
			.containsEntry("contentType", "text/csv")
			.containsEntry("size", 8)
			.containsEntry("stepName", "report.csv")
			.containsEntry("createdAt", ref.createdAt().toString())
			.containsEntry("downloadUrl", "/durableflow/api/runs/" + runId + "/artifacts/" + ref.id());
		assertThat(((Map<String, Object>) list.get(1))).containsEntry("name", "empty.txt").containsEntry("size", 0);

		HttpResponse<String> download = http.get((String) first.get("downloadUrl"));
		assertThat(download.statusCode()).isEqualTo(200);
		assertThat(download.body()).isEqualTo("a,b\n1,2\n");
		assertThat(download.headers().firstValue("Content-Type")).contains("text/csv");
		assertThat(download.headers().firstValue("Content-Length")).contains("8");
		assertThat(download.headers().firstValue("Content-Disposition")).hasValueSatisfying(
				(disposition) -> assertThat(disposition).startsWith("attachment;").contains("report.csv"));
		assertThat(download.headers().firstValue("X-Content-Type-Options")).contains("nosniff");

		HttpResponse<String> empty = http.get((String) ((Map<?, ?>) list.get(1)).get("downloadUrl"));
		assertThat(empty.statusCode()).isEqualTo(200);
		assertThat(empty.body()).isEmpty();
	}

	@Test
	void anHtmlArtifactIsServedAsAnAttachmentWithNosniffAndItsNameEncoded() throws Exception {
		String runId = run(artifact("<script>x.html", "text/html", "<script>alert(1)</script>"));
		ArtifactRef ref = http.context().getBean(WorkflowArtifacts.class).list(runId).get(0);
		HttpResponse<String> download = http.get("/durableflow/api/runs/" + runId + "/artifacts/" + ref.id(), "Accept",
				"text/html");
		assertThat(download.statusCode()).isEqualTo(200);
		assertThat(download.headers().firstValue("Content-Type")).contains("text/html");
		assertThat(download.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
		assertThat(download.headers().firstValue("Content-Security-Policy"))
			.hasValueSatisfying((policy) -> assertThat(policy).contains("sandbox").contains("default-src 'none'"));
		String disposition = download.headers().firstValue("Content-Disposition").orElseThrow();
		assertThat(disposition).startsWith("attachment;")
			.contains("filename=\"_script_x.html\"")
			.contains("filename*=UTF-8''%3Cscript%3Ex.html")
			.doesNotContain("<script>");
		assertThat(download.body()).isEqualTo("<script>alert(1)</script>");
	}

	@Test
	void aNameWithQuotesAndNonAsciiIsEncodedInTheDisposition() throws Exception {
		String runId = run(artifact("r\u00e9sum\u00e9 \"final\";.txt", "text/plain", "x"));
		ArtifactRef ref = http.context().getBean(WorkflowArtifacts.class).list(runId).get(0);
		String disposition = http.get("/durableflow/api/runs/" + runId + "/artifacts/" + ref.id())
			.headers()
			.firstValue("Content-Disposition")
			.orElseThrow();
		assertThat(disposition).startsWith("attachment;").contains("filename*=UTF-8''r%C3%A9sum%C3%A9");
		// the header holds one filename parameter pair, its quotes escaped or encoded
		assertThat(disposition).doesNotContain("\"final\";");
	}

	@Test
	void unknownRunsUnknownArtifactsAndAnotherRunsArtifactAre404() throws Exception {
		String mine = run(artifact("a.txt", "text/plain", "mine"));
		String other = run(artifact("b.txt", "text/plain", "other"));
		String otherId = http.context().getBean(WorkflowArtifacts.class).list(other).get(0).id();
		assertNotFound(http.get("/durableflow/api/runs/no-such-run/artifacts"), "no-such-run");
		assertNotFound(http.get("/durableflow/api/runs/no-such-run/artifacts/" + otherId), "no-such-run");
		assertNotFound(http.get("/durableflow/api/runs/" + mine + "/artifacts/no-such-id"), "no-such-id");
		assertNotFound(http.get("/durableflow/api/runs/" + mine + "/artifacts/" + otherId), otherId);
		assertThat(http.get("/durableflow/api/runs/" + other + "/artifacts/" + otherId).body()).isEqualTo("other");
	}

	@Test
	void aRunWithoutArtifactsListsNone() throws Exception {
		String runId = run();
		HttpResponse<String> response = http.get("/durableflow/api/runs/" + runId + "/artifacts");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("[]");
	}

	@Test
	void theRunPageListsTheArtifactsEscapedWithTheirDownloadLinks() throws Exception {
		String runId = run(artifact("<img src=x onerror=alert(1)>.html", "text/html", "<b>x</b>"));
		ArtifactRef ref = http.context().getBean(WorkflowArtifacts.class).list(runId).get(0);
		String page = http.get("/durableflow/runs/" + runId).body();
		assertThat(page).contains("&lt;img src=x onerror=alert(1)&gt;.html")
			.doesNotContain("<img src=x")
			.contains("href=\"/durableflow/api/runs/" + runId + "/artifacts/" + ref.id() + "\"")
			.contains("8 bytes");
	}

	@Test
	@SuppressWarnings("unchecked")
	void aChildRunsArtifactsAreListedLinkedAndDownloadedByItsIdOfSeveralParts() throws Exception {
		String parentId = flow
			.start("stores-artifacts-in-child", List.of(artifact("<script>child.html", "text/html", "<b>child</b>")),
					StartOptions.defaults())
			.runId();
		await().until(() -> flow.find(parentId).map(WorkflowRunView::status).orElse(null) == RunStatus.COMPLETED);
		String childId = flow.find(parentId).orElseThrow().output(String.class);
		assertThat(childId).isEqualTo(parentId + "/files#1");
		ArtifactRef ref = http.context().getBean(WorkflowArtifacts.class).list(childId).get(0);
		String path = ConsolePaths.encode(childId);
		assertThat(path).endsWith("/files%231");

		HttpResponse<String> response = http.get("/durableflow/api/runs/" + path + "/artifacts");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		List<Map<String, Object>> list = json.readValue(response.body(), List.class);
		assertThat(list).singleElement()
			.satisfies((entry) -> assertThat(entry).containsEntry("id", ref.id())
				.containsEntry("name", "<script>child.html")
				.containsEntry("downloadUrl", "/durableflow/api/runs/" + path + "/artifacts/" + ref.id()));
		assertThat(http.get("/durableflow/api/runs/" + parentId + "/artifacts").body()).as("the parent's own")
			.isEqualTo("[]");

		HttpResponse<String> download = http.get((String) list.get(0).get("downloadUrl"), "Accept", "text/html");
		assertThat(download.statusCode()).isEqualTo(200);
		assertThat(download.body()).isEqualTo("<b>child</b>");
		assertThat(download.headers().firstValue("Content-Type")).contains("text/html");
		assertThat(download.headers().firstValue("Content-Length")).contains("12");
		assertThat(download.headers().firstValue("Content-Disposition"))
			.hasValueSatisfying((disposition) -> assertThat(disposition).startsWith("attachment;")
				.contains("filename*=UTF-8''%3Cscript%3Echild.html"));
		assertThat(download.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
		assertThat(download.headers().firstValue("Content-Security-Policy"))
			.hasValueSatisfying((policy) -> assertThat(policy).contains("sandbox").contains("default-src 'none'"));
		assertThat(download.headers().firstValue("Cache-Control")).contains("private, no-store");

		// the child's page links the download with its whole id, '#' encoded
		assertThat(http.get("/durableflow/runs/" + path).body())
			.contains("href=\"/durableflow/api/runs/" + path + "/artifacts/" + ref.id() + "\"");

		assertNotFound(http.get("/durableflow/api/runs/" + parentId + "/no-such-child/artifacts"),
				parentId + "/no-such-child");
		assertNotFound(http.get("/durableflow/api/runs/" + parentId + "/no-such-child/artifacts/" + ref.id()),
				parentId + "/no-such-child");
		assertNotFound(http.get("/durableflow/api/runs/" + path + "/artifacts/no-such-id", "Accept", "text/html"),
				"no-such-id");
	}

	@Test
	void theArtifactsEndpointsAreClosedLikeTheRestOfTheConsole() throws Exception {
		String runId = run(artifact("secret.txt", "text/plain", "secret"));
		String artifactId = http.context().getBean(WorkflowArtifacts.class).list(runId).get(0).id();
		try (ConsoleHttp closed = ConsoleHttp.on(http)) {
			assertThat(closed.get("/durableflow/api/runs/" + runId + "/artifacts").statusCode()).isEqualTo(403);
			HttpResponse<String> download = closed.get("/durableflow/api/runs/" + runId + "/artifacts/" + artifactId);
			assertThat(download.statusCode()).isEqualTo(403);
			assertThat(download.body()).doesNotContain("secret");
		}
	}

	private static void assertNotFound(HttpResponse<String> response, String named) {
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
		assertThat(response.body()).contains(named);
	}

}
