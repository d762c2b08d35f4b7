package io.durableflow.ui.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import io.durableflow.RunStatus;
import io.durableflow.WorkflowDefinitions;
import io.durableflow.WorkflowDefinitions.Format;
import io.durableflow.ui.ConsoleTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The definitions pages in a real headless Chromium: code and YAML definitions listed
 * with pack, version, tags and problems, the files that failed to register with theirs; a
 * definition's source line by line, each problem at its line, its versions; markup in a
 * definition shown as text, never run.
 */
class DefinitionsBrowserTests {

	static final String REVIEW = """
			ref: docs.review
			version: "1.0.0"
			label: Review <b>bold</b>
			description: "<script>window.__pwned = 1</script><img src=x onerror=\\"window.__pwned = 2\\">"
			tags: [docs, "<i>t</i>"]
			parameters:
			  title: {type: string, required: true}
			tasks:
			  - name: check
			    action: core.echo
			    on-success: [done]
			  - name: done
			    action: core.noop
			""";

	static BrowserSession session;

	static ConsoleTestSupport console;

	static Browser browser;

	@BeforeAll
	static void start() throws Exception {
		Chromium.assumeInstalled();
		Path packs = Files.createTempDirectory("packs");
		Path ops = Files.createDirectories(packs.resolve("ops/workflows"));
		Files.writeString(ops.resolve("deploy.yaml"),
				"version: \"2.0\"\ntags: [ops]\ntasks:\n  - name: a\n    action: core.echo\n");
		Files.writeString(ops.resolve("broken.yaml"),
				"version: \"1\"\ntasks:\n  - name: a\n    action: core.echo\n    next:\n      - do: [\"<script>x</script>\"]\n");
		session = BrowserSession.start("durableflow.ui.allow-unauthenticated=true",
				"durableflow.definitions.locations=file:" + packs + "/");
		console = session.console();
		browser = session.browser();
	}

	@AfterAll
	static void stop() {
		if (session != null) {
			session.close();
		}
	}

	@Test
	void theDefinitionsPageListsCodeAndYamlDefinitionsAndTheFilesThatFailed() {
		WorkflowDefinitions definitions = console.definitions();
		definitions.create(REVIEW, Format.YAML);
		try (Page page = browser.newPage()) {
			page.navigate(console.url("/durableflow/definitions"));
			assertThat(page.getAttribute("tr[data-workflow='greeting']", "data-kind")).isEqualTo("bean");
			assertThat(page.textContent("tr[data-workflow='greeting'] td:nth-child(7)")).isEqualTo("java.lang.String");
			String deploy = "tr[data-workflow='ops.deploy']";
			assertThat(page.getAttribute(deploy, "data-kind")).isEqualTo("yaml");
			assertThat(page.textContent(deploy + " td:nth-child(3)")).isEqualTo("ops");
			assertThat(page.textContent(deploy + " td:nth-child(4)")).contains("2.0").contains("rev 1");
			assertThat(page.textContent(deploy + " td:nth-child(5)")).isEqualTo("ops");
			String review = "tr[data-workflow='docs.review']";
			assertThat(page.getAttribute(review, "data-warnings")).isEqualTo("1");
			assertThat(page.textContent(review + " td:nth-child(6)")).contains("1 warnings");
			assertThat(page.textContent(review + " td:nth-child(5)")).contains("<i>t</i>");
			assertThat(page.textContent(review + " td:nth-child(1)")).contains("Review <b>bold</b>");
			String broken = "#unregistered [data-file='ops/workflows/broken.yaml']";
			assertThat(page.textContent(broken + " .error")).startsWith("6:").contains("<script>x</script>");
			assertThat(page.evaluate("() => window.__pwned === undefined")).isEqualTo(true);

			page.navigate(console.url("/durableflow/definitions?tag=ops"));
			assertThat(page.locator("#definitions tbody tr").count()).isEqualTo(1);
		}
	}

	@Test
	void aDefinitionsPageShowsItsSourceLineByLineWithItsProblemsAndVersionsAndRunsNothingOfIt() {
		WorkflowDefinitions definitions = console.definitions();
		if (definitions.find("docs.review").isEmpty()) {
			definitions.create(REVIEW, Format.YAML);
		}
		definitions.update("docs.review", REVIEW.replace("1.0.0", "1.1.0"), Format.YAML);
		String runId = definitions.start("docs.review", Map.of("title", "<script>window.__pwned = 3</script>"), null)
			.runId();
		console.awaitStatus(runId, RunStatus.COMPLETED);
		try (Page page = browser.newPage()) {
			page.navigate(console.url("/durableflow/definitions/docs.review"));
			assertThat(page.textContent("h1")).contains("Review <b>bold</b>");
			assertThat(page.textContent("#L4 code")).isEqualTo(REVIEW.lines().toList().get(3));
			assertThat(page.textContent("#L4 code")).contains("<script>window.__pwned = 1</script>");
			assertThat(page.locator("ol.source li").count()).isEqualTo(REVIEW.lines().count());
			assertThat(page.getAttribute("#L11", "class")).contains("has-warning");
			assertThat(page.textContent("#L11 .line-problem")).contains("on-success").contains("on_success");
			assertThat(page.getAttribute("#problems .warning", "data-line")).isEqualTo("11");
			page.click("#problems .warning a");
			assertThat(page.evaluate("() => location.hash")).isEqualTo("#L11");
			assertThat(page.locator("#versions tbody tr").count()).isEqualTo(2);
			assertThat(page.getAttribute("#versions tbody tr:first-child", "data-current")).isEqualTo("true");
			assertThat(page.textContent("#parameters pre")).contains("\"title\"");
			assertThat(page.locator("#task-graph svg.task-graph g.task").count()).isEqualTo(2);
			assertThat(page.textContent("#task-graph g.task[data-task='check']")).contains("core.echo");
			// the misspelt on-success is no transition: two entry tasks side by side, no
			// edge
			assertThat(page.locator("#task-graph g.edge[data-from]").count()).isZero();
			assertThat(page.evaluate("() => window.__pwned === undefined")).isEqualTo(true);

			page.click("#versions tbody tr:nth-child(2) a");
			page.waitForURL("**revision=1");
			assertThat(page.textContent("header dl")).contains("1.0.0 (revision 1)");

			page.navigate(console.url("/durableflow/definitions/greeting"));
			assertThat(page.textContent("header dl")).contains("bean").contains("java.lang.String");
			assertThat(page.navigate(console.url("/durableflow/definitions/docs.none")).status()).isEqualTo(404);
			assertThat(page.textContent("main")).contains("docs.none");
		}
	}

}
