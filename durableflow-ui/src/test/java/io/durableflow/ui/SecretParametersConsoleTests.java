package io.durableflow.ui;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import io.durableflow.DurableFlow;
import io.durableflow.StartOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over real HTTP on real PostgreSQL: the values of parameters a definition marks
 * {@code secret: true} are masked on the run page and in the JSON API, while the stored
 * input keeps them; a console without the definitions bean masks a definition's run's
 * input whole. Workers are off, so the runs stay pending with nothing but their input.
 */
class SecretParametersConsoleTests {

	static final String DEPLOY = """
			ref: ops.deploy
			version: "1"
			parameters:
			  region: {type: string, default: eu}
			  token: {type: string, required: true, secret: true}
			  credentials:
			    type: object
			    properties:
			      user: {type: string}
			      password: {type: string, secret: true}
			tasks:
			  - name: call
			    action: core.echo
			""";

	static final JsonMapper MAPPER = JsonMapper.builder().build();

	static ConsoleHttp http;

	static String runId;

	@BeforeAll
	static void start() throws Exception {
		Path packs = Files.createTempDirectory("packs");
		http = new ConsoleHttp("durableflow.ui.allow-unauthenticated=true", "durableflow.worker.enabled=false",
				"durableflow.definitions.locations=file:" + packs + "/");
		HttpResponse<String> created = http.send("POST", "/durableflow/api/workflows", "application/yaml", DEPLOY);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		HttpResponse<String> started = http.post("/durableflow/api/workflows/ops.deploy/runs", """
				{"parameters": {"token": "tok-123456", "credentials": {"user": "ada", "password": "pw-98765"}}}""");
		assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
		runId = MAPPER.readTree(started.body()).get("runId").asString();
	}

	@AfterAll
	static void stop() {
		http.close();
	}

	@Test
	void theRunPageShowsTheSecretsMaskedAndTheRestAsGiven() throws Exception {
		String page = http.get("/durableflow/runs/" + runId).body();
		assertThat(page).doesNotContain("tok-123456", "pw-98765");
		assertThat(input(page)).contains("&quot;token&quot; : &quot;******&quot;", "&quot;user&quot; : &quot;ada&quot;",
				"&quot;password&quot; : &quot;******&quot;", "&quot;region&quot; : &quot;eu&quot;");
		assertThat(http.context().getBean(DurableFlow.class).find(runId).orElseThrow().inputJson())
			.as("what the workflow will read")
			.contains("tok-123456", "pw-98765");
	}

	/** What the page's input box shows, as the page's HTML escapes it. */
	private static String input(String page) {
		int start = page.indexOf('>', page.indexOf("id=\"run-input\"")) + 1;
		return page.substring(start, page.indexOf("</pre>", start));
	}

	@Test
	void theJsonApiServesTheInputMasked() throws Exception {
		HttpResponse<String> response = http.get("/durableflow/api/runs/" + runId);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).doesNotContain("tok-123456", "pw-98765");
		JsonNode body = MAPPER.readTree(response.body());
		assertThat(body.get("definitionRevision").asInt()).isEqualTo(1);
		assertThat(body.get("input")).isEqualTo(MAPPER.readTree("""
				{"token": "******", "credentials": {"user": "ada", "password": "******"}, "region": "eu"}"""));
		assertThat(http.get("/durableflow/api/runs/" + runId + "/timeline").body()).doesNotContain("tok-123456");
	}

	@Test
	void aCodeWorkflowsInputIsShownAsItIs() throws Exception {
		String code = http.context()
			.getBean(DurableFlow.class)
			.start("greeting", "visible-name", StartOptions.defaults())
			.runId();
		assertThat(MAPPER.readTree(http.get("/durableflow/api/runs/" + code).body()).get("input").asString())
			.isEqualTo("visible-name");
		assertThat(http.get("/durableflow/runs/" + code).body()).contains("visible-name");
	}

	@Test
	void withoutTheDefinitionsBeanADefinitionsRunsInputIsMaskedWhole() throws Exception {
		try (ConsoleHttp other = ConsoleHttp.on(http, "durableflow.ui.allow-unauthenticated=true",
				"durableflow.worker.enabled=false", "durableflow.definitions.enabled=false")) {
			HttpResponse<String> response = other.get("/durableflow/api/runs/" + runId);
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(MAPPER.readTree(response.body()).get("input").asString()).isEqualTo("******");
			String page = other.get("/durableflow/runs/" + runId).body();
			assertThat(page).doesNotContain("tok-123456", "pw-98765");
			assertThat(input(page)).isEqualTo("&quot;******&quot;");
		}
	}

}
