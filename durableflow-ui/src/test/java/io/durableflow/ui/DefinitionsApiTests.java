package io.durableflow.ui;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.durableflow.DurableFlow;
import io.durableflow.RunStatus;
import io.durableflow.WorkflowRunView;
import io.durableflow.ui.hostsecurity.CsrfHostSecurityConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The definitions REST API of API.md §9 over real HTTP on real PostgreSQL: every status
 * of its table, with the problem details that say what was wrong, and nothing changed by
 * a refused request.
 */
class DefinitionsApiTests {

	static final String YAML = "application/yaml";

	static final String JSON = "application/json";

	static final String REVIEW = """
			ref: docs.review
			version: "1.0.0"
			label: Review
			tags: [docs]
			parameters:
			  title: {type: string, required: true}
			  reviewers: {type: integer, default: 2, minimum: 1}
			tasks:
			  - name: check
			    action: core.echo
			""";

	static final JsonMapper MAPPER = JsonMapper.builder().build();

	static Path packs;

	static ConsoleHttp http;

	@BeforeAll
	static void start() throws Exception {
		packs = Files.createTempDirectory("packs");
		Path ops = Files.createDirectories(packs.resolve("ops/workflows"));
		Files.writeString(ops.resolve("deploy.yaml"), "version: \"1\"\ntasks:\n  - name: a\n    action: core.echo\n");
		Files.writeString(ops.resolve("broken.yaml"),
				"version: \"1\"\ntasks:\n  - name: a\n    action: core.echo\n    next:\n      - do: [b]\n");
		http = new ConsoleHttp("durableflow.ui.allow-unauthenticated=true", "durableflow.ui.api.max-request-size=1KB",
				"durableflow.definitions.max-file-size=4KB", "durableflow.definitions.locations=file:" + packs + "/");
	}

	@AfterAll
	static void stop() {
		http.close();
	}

	@Test
	void aPostedDefinitionIsListedReadStartedChangedAndDeleted() throws Exception {
		HttpResponse<String> created = http.send("POST", "/durableflow/api/workflows", YAML, REVIEW);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		assertThat(created.headers().firstValue("Location")).hasValue("/durableflow/api/workflows/docs.review");
		JsonNode body = json(created);
		assertThat(body.get("ref").asString()).isEqualTo("docs.review");
		assertThat(body.get("revision").asInt()).isEqualTo(1);
		assertThat(body.get("source").asString()).isEqualTo(REVIEW);
		assertThat(body.get("parameters").get("required").get(0).asString()).isEqualTo("title");
		assertThat(body.get("definition").get("tasks").get(0).get("name").asString()).isEqualTo("check");
		for (String field : List.of("ref", "pack", "label", "description", "version", "tags", "parameters", "output",
				"definition", "source", "errors", "warnings")) {
			assertThat(body.has(field)).as(field).isTrue();
		}

		JsonNode list = json(http.get("/durableflow/api/workflows?size=200"));
		assertThat(list.get("pagination").get("page").asInt()).isEqualTo(1);
		assertThat(list.get("pagination").get("total").asInt()).isEqualTo(list.get("items").size());
		assertThat(list.get("items")
			.valueStream()
			.map((item) -> item.get("ref").asString() + ":" + item.get("kind").asString()))
			.contains("charge:bean", "docs.review:yaml", "ops.deploy:yaml");
		assertThat(json(http.get("/durableflow/api/workflows?tag=docs")).get("items").size()).isEqualTo(1);
		assertThat(json(http.get("/durableflow/api/packs/ops/workflows")).get("items")
			.valueStream()
			.map((item) -> item.get("ref").asString())).containsExactly("ops.deploy");
		assertThat(json(http.get("/durableflow/api/workflows/docs.review")).get("label").asString())
			.isEqualTo("Review");

		HttpResponse<String> started = http.post("/durableflow/api/workflows/docs.review/runs",
				"{\"parameters\": {\"title\": \"Plan\"}, \"runId\": \"api-review-1\"}");
		assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
		assertThat(started.body()).isEqualTo("{\"runId\":\"api-review-1\"}");
		WorkflowRunView run = awaitStatus("api-review-1", RunStatus.COMPLETED);
		assertThat(run.workflowName()).isEqualTo("docs.review");
		assertThat(run.output(Map.class))
			.isEqualTo(Map.of("revision", 1, "parameters", Map.of("title", "Plan", "reviewers", 2)));

		HttpResponse<String> updated = http.send("PUT", "/durableflow/api/workflows/docs.review", YAML,
				REVIEW.replace("1.0.0", "1.1.0"));
		assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
		assertThat(json(updated).get("revision").asInt()).isEqualTo(2);
		assertThat(json(http.get("/durableflow/api/workflows/docs.review/versions")).valueStream()
			.map((revision) -> revision.get("revision").asInt())).containsExactly(2, 1);

		jdbc().update("INSERT INTO durableflow.workflow_runs (run_id, workflow_name, status, definition_revision) "
				+ "VALUES ('api-held', 'docs.review', 'waiting', 2)");
		HttpResponse<String> inUse = http.send("DELETE", "/durableflow/api/workflows/docs.review", null, null);
		assertProblem(inUse, 409, "1 unfinished run");
		assertThat(json(inUse).get("unfinishedRuns").asInt()).isEqualTo(1);
		jdbc().update("UPDATE durableflow.workflow_runs SET status = 'cancelled' WHERE run_id = 'api-held'");
		assertThat(http.send("DELETE", "/durableflow/api/workflows/docs.review", null, null).statusCode())
			.isEqualTo(204);
		assertProblem(http.get("/durableflow/api/workflows/docs.review"), 404, "docs.review");
		// its finished runs stay readable
		assertThat(http.get("/durableflow/api/runs/api-review-1").body()).contains("\"status\":\"completed\"");
		assertProblem(http.post("/durableflow/api/workflows/docs.review/runs", "{}"), 404, "docs.review");
	}

	@Test
	void aTextThatIsNotYamlOrJsonIs400WithItsLineAndColumn() throws Exception {
		HttpResponse<String> yaml = http.send("POST", "/durableflow/api/workflows", YAML,
				"ref: docs.x\nversion: [1\ntasks: []\n");
		assertProblem(yaml, 400, "Not valid YAML");
		assertThat(json(yaml).get("line").asInt()).isEqualTo(3);
		assertThat(json(yaml).get("column").asInt()).isPositive();
		HttpResponse<String> jsonBody = http.send("POST", "/durableflow/api/workflows", JSON,
				"{\"ref\": \"docs.x\",\n  \"version\": }");
		assertProblem(jsonBody, 400, "Not valid JSON");
		assertThat(json(jsonBody).get("line").asInt()).isEqualTo(2);
		assertThat(json(jsonBody).get("column").asInt()).isGreaterThan(1);
		assertThat(count("docs.x")).isZero();
	}

	@Test
	void anInvalidDefinitionIs422WithEveryError() throws Exception {
		HttpResponse<String> response = http.send("POST", "/durableflow/api/workflows", YAML, """
				ref: docs.bad
				tasks:
				  - name: a
				    action: core.echo
				    next:
				      - do: [nowhere]
				  - name: a
				    action: core.echo
				""");
		assertProblem(response, 422, "docs.bad");
		JsonNode errors = json(response).get("errors");
		assertThat(errors.size()).isGreaterThanOrEqualTo(3);
		errors.valueStream().forEach((error) -> {
			assertThat(error.get("line").asInt()).isPositive();
			assertThat(error.get("column").asInt()).isPositive();
			assertThat(error.has("path")).isTrue();
			assertThat(error.get("message").asString()).isNotBlank();
		});
		assertThat(errors.valueStream().map((error) -> error.get("message").asString()))
			.anySatisfy((message) -> assertThat(message).contains("nowhere"))
			.anySatisfy((message) -> assertThat(message).contains("version"));
		HttpResponse<String> otherRef = http.send("PUT", "/durableflow/api/workflows/ops.deploy", YAML,
				"ref: ops.other\nversion: \"2\"\ntasks:\n  - name: a\n    action: core.echo\n");
		assertProblem(otherRef, 422, "ops.other");
		assertThat(count("docs.bad")).isZero();
	}

	@Test
	void aNameThatIsTakenIs409AndAnUnknownRefIs404() throws Exception {
		String shipping = REVIEW.replace("docs.review", "docs.shipping");
		assertThat(http.send("POST", "/durableflow/api/workflows", YAML, shipping).statusCode()).isEqualTo(201);
		HttpResponse<String> again = http.send("POST", "/durableflow/api/workflows", YAML, shipping);
		assertProblem(again, 409, "docs.shipping");
		assertThat(json(again).get("existing").asString()).contains("posted over the API");
		HttpResponse<String> code = http.send("POST", "/durableflow/api/workflows", YAML,
				REVIEW.replace("ref: docs.review", "ref: ops.coded"));
		assertProblem(code, 409, "bean 'uiTestApp.Coded'");
		assertProblem(http.send("PUT", "/durableflow/api/workflows/docs.none", YAML, REVIEW), 404, "docs.none");
		assertProblem(http.send("DELETE", "/durableflow/api/workflows/docs.none", null, null), 404, "docs.none");
		assertProblem(http.get("/durableflow/api/workflows/docs.none/versions"), 404, "docs.none");
	}

	@Test
	void parametersThatDoNotFitAre422WithEveryErrorAndStartNothing() throws Exception {
		http.send("POST", "/durableflow/api/workflows", YAML, REVIEW.replace("docs.review", "docs.params"));
		long before = runs();
		HttpResponse<String> response = http.post("/durableflow/api/workflows/docs.params/runs",
				"{\"parameters\": {\"reviewers\": 0}}");
		assertProblem(response, 422, "do not fit");
		assertThat(json(response).get("errors").valueStream().map((error) -> error.get("path").asString()))
			.containsExactlyInAnyOrder("title", "reviewers");
		assertProblem(http.post("/durableflow/api/workflows/docs.params/runs", "{\"parameters\": [1]}"), 400,
				"JSON object");
		assertThat(runs()).isEqualTo(before);
	}

	@Test
	void bodiesOverTheirLimitAre413AndFormsAre415() throws Exception {
		String big = REVIEW.replace("docs.review", "docs.big") + "description: \"" + "x".repeat(5000) + "\"\n";
		assertProblem(http.send("POST", "/durableflow/api/workflows", YAML, big), 413,
				"durableflow.definitions.max-file-size");
		assertProblem(http.send("PUT", "/durableflow/api/workflows/ops.deploy", YAML, big), 413, "4096 bytes");
		http.send("POST", "/durableflow/api/workflows", YAML, REVIEW.replace("docs.review", "docs.limits"));
		assertProblem(http.post("/durableflow/api/workflows/docs.limits/runs",
				"{\"parameters\": {\"title\": \"" + "t".repeat(2000) + "\"}}"), 413, "max-request-size");
		assertThat(http.send("POST", "/durableflow/api/workflows", "application/x-www-form-urlencoded", "ref=x")
			.statusCode()).isEqualTo(415);
		assertThat(http.send("POST", "/durableflow/api/packs/ops/workflows/sync", "text/plain", "").statusCode())
			.isEqualTo(415);
		assertThat(count("docs.big")).isZero();
	}

	@Test
	void aPackIsValidatedWithoutChangesAndSynced() throws Exception {
		HttpResponse<String> validated = http.send("POST", "/durableflow/api/packs/ops/workflows/validate", null, null);
		assertThat(validated.statusCode()).as(validated.body()).isEqualTo(200);
		JsonNode validation = json(validated);
		assertThat(validation.get("valid").asBoolean()).isFalse();
		JsonNode broken = validation.get("files")
			.valueStream()
			.filter((file) -> file.get("file").asString().endsWith("broken.yaml"))
			.findFirst()
			.orElseThrow();
		assertThat(broken.get("ref").asString()).isEqualTo("ops.broken");
		assertThat(broken.get("errors").get(0).get("line").asInt()).isEqualTo(6);
		HttpResponse<String> synced = http.send("POST", "/durableflow/api/packs/ops/workflows/sync", JSON, "{}");
		assertThat(synced.statusCode()).as(synced.body()).isEqualTo(200);
		JsonNode sync = json(synced);
		assertThat(sync.get("unchanged").valueStream().map(JsonNode::asString)).contains("ops.deploy");
		assertThat(sync.get("errors").get(0).get("message").asString()).contains("'b'");
		assertThat(sync.has("registered") && sync.has("updated")).isTrue();
		assertProblem(http.send("POST", "/durableflow/api/packs/nope/workflows/validate", null, null), 404, "nope");
		assertProblem(http.send("POST", "/durableflow/api/packs/nope/workflows/sync", JSON, ""), 404, "nope");
	}

	@Test
	void aBadPageIs400() throws Exception {
		assertProblem(http.get("/durableflow/api/workflows?page=0"), 400, "numbered from 1");
		assertProblem(http.get("/durableflow/api/workflows?size=201"), 400, "1 to 200");
	}

	@Test
	void withDefinitionsSwitchedOffTheApiAnswers404AndThePageListsTheCodeWorkflows() throws Exception {
		try (ConsoleHttp off = new ConsoleHttp("durableflow.ui.allow-unauthenticated=true",
				"durableflow.definitions.enabled=false")) {
			assertProblem(off.get("/durableflow/api/workflows"), 404, "durableflow.definitions.enabled=false");
			assertThat(off.get("/durableflow/definitions").body()).contains("data-workflow=\"greeting\"");
		}
	}

	@Test
	void aReadOnlyConsoleRefusesEveryWriteWith403AndServesReads() throws Exception {
		try (ConsoleHttp readOnly = new ConsoleHttp("durableflow.ui.allow-unauthenticated=true",
				"durableflow.ui.read-only=true", "durableflow.definitions.locations=file:" + packs + "/")) {
			assertProblem(readOnly.send("POST", "/durableflow/api/workflows", YAML, REVIEW), 403, "read-only");
			assertProblem(readOnly.send("PUT", "/durableflow/api/workflows/ops.deploy", YAML, REVIEW), 403,
					"read-only");
			assertProblem(readOnly.send("DELETE", "/durableflow/api/workflows/ops.deploy", null, null), 403,
					"read-only");
			assertProblem(readOnly.send("POST", "/durableflow/api/packs/ops/workflows/sync", JSON, "{}"), 403,
					"read-only");
			assertProblem(readOnly.post("/durableflow/api/workflows/ops.deploy/runs", "{}"), 403, "read-only");
			assertThat(readOnly.get("/durableflow/api/workflows/ops.deploy").statusCode()).isEqualTo(200);
			assertThat(readOnly.send("POST", "/durableflow/api/packs/ops/workflows/validate", null, null).statusCode())
				.isEqualTo(200);
			assertThat(readOnly.context()
				.getBean(JdbcTemplate.class)
				.queryForObject("SELECT count(*) FROM durableflow.workflow_runs", Long.class)).isZero();
		}
	}

	@Test
	void underTheHostsSpringSecurityAPostNeedsTheCsrfTokenThePageCarries() throws Exception {
		try (ConsoleHttp secured = ConsoleHttp.with(CsrfHostSecurityConfiguration.class)) {
			HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
			String base = "http://localhost:" + secured.context().getEnvironment().getProperty("local.server.port");
			String page = browser
				.send(HttpRequest.newBuilder(URI.create(base + "/durableflow/definitions")).build(),
						HttpResponse.BodyHandlers.ofString())
				.body();
			HttpRequest.Builder post = HttpRequest.newBuilder(URI.create(base + "/durableflow/api/workflows"))
				.header("Content-Type", YAML)
				.POST(HttpRequest.BodyPublishers.ofString(REVIEW.replace("docs.review", "docs.csrf")));
			assertThat(browser.send(post.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
			HttpResponse<String> allowed = browser.send(
					post.header(meta(page, "durableflow-csrf-header"), meta(page, "durableflow-csrf-token")).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(201);
		}
	}

	private static String meta(String page, String name) {
		Matcher matcher = Pattern.compile("<meta name=\"" + name + "\" content=\"([^\"]+)\"").matcher(page);
		assertThat(matcher.find()).as("the page carries " + name).isTrue();
		return matcher.group(1);
	}

	private static JsonNode json(HttpResponse<String> response) {
		return MAPPER.readTree(response.body());
	}

	private static JdbcTemplate jdbc() {
		return http.context().getBean(JdbcTemplate.class);
	}

	private static long count(String ref) {
		return jdbc().queryForObject("SELECT count(*) FROM durableflow.workflow_definition_revisions WHERE ref = ?",
				Long.class, ref);
	}

	private static long runs() {
		return jdbc().queryForObject("SELECT count(*) FROM durableflow.workflow_runs", Long.class);
	}

	private static WorkflowRunView awaitStatus(String runId, RunStatus status) {
		DurableFlow flow = http.context().getBean(DurableFlow.class);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> flow.find(runId).map(WorkflowRunView::status).orElse(null) == status);
		return flow.find(runId).orElseThrow();
	}

	private static void assertProblem(HttpResponse<String> response, int status, String detail) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.body()).contains("\"status\":" + status).contains(detail);
	}

}
