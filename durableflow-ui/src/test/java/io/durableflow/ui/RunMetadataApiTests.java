package io.durableflow.ui;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.durableflow.DurableFlow;
import io.durableflow.StartOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Run names and metadata over real HTTP on real PostgreSQL: the JSON API's runs list and
 * its metadata filter, the run API, and the console's runs list with its metadata filter
 * field; bad filters answer 400 and say why.
 */
class RunMetadataApiTests {

	static ConsoleHttp http;

	static DurableFlow flow;

	static final JsonMapper json = JsonMapper.builder().build();

	static String acmeEu;

	static String acmeUs;

	static String globexEu;

	@BeforeAll
	static void start() {
		http = new ConsoleHttp("durableflow.ui.allow-unauthenticated=true");
		flow = http.context().getBean(DurableFlow.class);
		acmeEu = start("Invoice 42", Map.of("customer", "acme", "region", "eu"));
		acmeUs = start("<script>alert('x')</script>", Map.of("customer", "acme", "region", "us"));
		globexEu = start(null, Map.of("customer", "globex", "region", "eu"));
		start(null, Map.of());
	}

	@AfterAll
	static void stop() {
		http.close();
	}

	@Test
	void theRunsApiListsTheRunsWhoseMetadataHoldsEveryPairGivenNewestFirst() throws Exception {
		assertThat(runIds(get("/durableflow/api/runs?metadata.customer=acme"))).containsExactly(acmeUs, acmeEu);
		assertThat(runIds(get("/durableflow/api/runs?metadata.customer=acme&metadata.region=eu")))
			.containsExactly(acmeEu);
		assertThat(runIds(get("/durableflow/api/runs?metadata.region=eu&workflow=greeting"))).containsExactly(globexEu,
				acmeEu);
		assertThat(runIds(get("/durableflow/api/runs?metadata.customer=ACME"))).isEmpty();
		assertThat(runIds(get("/durableflow/api/runs?metadata.customer=acme&status=completed"))).isEmpty();

		Map<?, ?> page = get("/durableflow/api/runs?metadata.customer=acme&limit=1");
		assertThat(runIds(page)).containsExactly(acmeUs);
		assertThat(page.get("nextBefore")).isEqualTo(acmeUs);
		Map<?, ?> next = get("/durableflow/api/runs?metadata.customer=acme&limit=1&before=" + acmeUs);
		assertThat(runIds(next)).containsExactly(acmeEu);
		Map<?, ?> item = (Map<?, ?>) ((List<?>) next.get("items")).get(0);
		assertThat(item.get("name")).isEqualTo("Invoice 42");
		assertThat(item.get("metadata")).isEqualTo(Map.of("customer", "acme", "region", "eu"));
	}

	@Test
	void theRunApiShowsTheNameAndMetadataAndEmptyMetadataForARunWithout() throws Exception {
		Map<?, ?> run = get("/durableflow/api/runs/" + acmeUs);
		assertThat(run.get("name")).isEqualTo("<script>alert('x')</script>");
		assertThat(run.get("metadata")).isEqualTo(Map.of("customer", "acme", "region", "us"));
		Map<?, ?> plain = get("/durableflow/api/runs/" + globexEu);
		assertThat(plain.get("name")).isNull();
		assertThat(plain.get("metadata")).isEqualTo(Map.of("customer", "globex", "region", "eu"));
	}

	@Test
	void filtersTheApiCannotUseAnswer400SayingWhy() throws Exception {
		assertProblem(http.get("/durableflow/api/runs?metadata.=acme"), "must not be blank");
		assertProblem(http.get("/durableflow/api/runs?metadata." + encode("bad key") + "=acme"),
				"only letters, digits");
		assertProblem(http.get("/durableflow/api/runs?metadata.customer=a&metadata.customer=b"), "given 2 times");
		assertProblem(http.get("/durableflow/api/runs?metadata.note=" + "v".repeat(501)), "at most 500");
		assertProblem(http.get("/durableflow/api/runs?status=done"), "not one of pending, running");
		assertProblem(http.get("/durableflow/api/runs?limit=0"), "1 to 500");
		assertProblem(http.get("/durableflow/api/runs?limit=many"), "a number from 1 to 500");
	}

	@Test
	void theConsoleListFiltersByItsMetadataFieldShowsNamesAndMetadataEscapedAndKeepsTheFilterOnItsPages()
			throws Exception {
		HttpResponse<String> page = http.get("/durableflow?metadata=" + encode("customer=acme, region=us"));
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("data-run-id=\"" + acmeUs + "\"")
			.doesNotContain("data-run-id=\"" + acmeEu + "\"")
			.doesNotContain("data-run-id=\"" + globexEu + "\"")
			.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
			.doesNotContain("<script>alert(")
			.contains("<code>customer=acme</code>")
			.contains("value=\"customer=acme, region=us\"");

		String tenant = "tenant-" + System.nanoTime();
		for (int i = 0; i < ConsoleQueries.PAGE + 1; i++) {
			start(null, Map.of("tenant", tenant));
		}
		String first = http.get("/durableflow?metadata=" + encode("tenant=" + tenant)).body();
		assertThat(first.split("data-run-id=\"", -1)).hasSize(ConsoleQueries.PAGE + 1);
		assertThat(first).contains("metadata=tenant%3D" + tenant + "&amp;before=");
		String older = first.substring(first.indexOf("href=\"", first.indexOf("class=\"pager\"")) + 6);
		older = older.substring(0, older.indexOf('"')).replace("&amp;", "&");
		String second = http.get(older).body();
		assertThat(second.split("data-run-id=\"", -1)).hasSize(2);
		assertThat(second).doesNotContain("data-run-id=\"" + acmeEu + "\"");
	}

	@Test
	void theConsoleListFindsMatchesOlderThanTheNewestTwoThousandRunsAfterTheNewerOnes() throws Exception {
		String tenant = "deep-" + System.nanoTime();
		String old = start(null, Map.of("tenant", tenant));
		http.context()
			.getBean(org.springframework.jdbc.core.JdbcTemplate.class)
			.update("""
					INSERT INTO durableflow.workflow_runs (run_id, workflow_name, input)
					SELECT 'filler-' || ? || '-' || g, 'greeting', '"x"' FROM generate_series(1, ?) g""", tenant,
					RunMetadataFilter.WINDOW + 100);
		String recent = start(null, Map.of("tenant", tenant));

		String page = http.get("/durableflow?metadata=" + encode("tenant=" + tenant)).body();
		assertThat(page.split("data-run-id=\"", -1)).hasSize(3);
		assertThat(page.indexOf("data-run-id=\"" + recent + "\"")).isPositive()
			.isLessThan(page.indexOf("data-run-id=\"" + old + "\""));
	}

	@Test
	void theConsoleListAnswers400WithTheReasonForAFilterItCannotRead() throws Exception {
		HttpResponse<String> page = http.get("/durableflow?metadata=" + encode("customer"));
		assertThat(page.statusCode()).isEqualTo(400);
		assertThat(page.body()).contains("id=\"filter-error\"")
			.contains("has no &#39;=&#39;: write key=value pairs")
			.contains("No runs match.");
	}

	@Test
	void theRunPageShowsTheNameEscapedAndTheMetadataAsFilterLinks() throws Exception {
		String page = http.get("/durableflow/runs/" + acmeUs).body();
		assertThat(page).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
			.doesNotContain("<script>alert(")
			.contains("href=\"/durableflow?metadata=customer%3Dacme\"")
			.contains("<code>region=us</code>");
	}

	private static String start(String name, Map<String, String> metadata) {
		return flow.start("greeting", "ada", StartOptions.builder().name(name).metadata(metadata).build()).runId();
	}

	private static Map<?, ?> get(String path) throws Exception {
		HttpResponse<String> response = http.get(path);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json.readValue(response.body(), Map.class);
	}

	private static List<Object> runIds(Map<?, ?> page) {
		return ((List<?>) page.get("items")).stream().map((item) -> (Object) ((Map<?, ?>) item).get("runId")).toList();
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

	private static void assertProblem(HttpResponse<String> response, String detail) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.body()).contains(detail);
	}

}
