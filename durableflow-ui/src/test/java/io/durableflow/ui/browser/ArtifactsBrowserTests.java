package io.durableflow.ui.browser;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import io.durableflow.RunStatus;
import io.durableflow.StartOptions;
import io.durableflow.ui.ConsoleTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The run page's artifacts in a real headless Chromium: an artifact named like a script
 * tag, with content type text/html, is listed as text and downloaded, never rendered.
 */
class ArtifactsBrowserTests {

	static BrowserSession session;

	static ConsoleTestSupport console;

	static Browser browser;

	@BeforeAll
	static void start() {
		session = BrowserSession.start("durableflow.ui.allow-unauthenticated=true");
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
	void anHtmlArtifactNamedLikeAScriptIsListedAsTextAndDownloadedNotRendered() throws Exception {
		String html = "<script>window.__artifactRan = 'yes'</script><h1 id=rendered>rendered</h1>";
		String runId = console.flow()
			.start("stores-artifacts", List.of(Map.of("name", "<script>x.html", "type", "text/html", "text", html)),
					StartOptions.defaults())
			.runId();
		console.awaitStatus(runId, RunStatus.COMPLETED);
		try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setAcceptDownloads(true));
				Page page = context.newPage()) {
			page.navigate(console.url("/durableflow/runs/" + runId));
			page.waitForSelector("#run-artifacts tr.artifact");
			assertThat(page.locator("#run-artifacts").isVisible()).isTrue();
			assertThat(page.locator("#run-artifacts a.download").textContent()).isEqualTo("<script>x.html");
			assertThat(page.locator("#run-artifacts script").count()).isZero();
			assertThat(page.locator("#run-artifacts tr.artifact td").nth(1).textContent()).isEqualTo("text/html");
			assertThat(page.locator("#run-artifacts tr.artifact td").nth(2).textContent())
				.isEqualTo(html.length() + " bytes");
			String pageUrl = page.url();
			Download download = page.waitForDownload(() -> page.locator("#run-artifacts a.download").click());
			assertThat(Files.readString(download.path())).startsWith("<script>window.__artifactRan");
			assertThat(download.suggestedFilename()).endsWith("x.html");
			// the click downloaded the file: the console page stayed, and nothing ran
			assertThat(page.url()).isEqualTo(pageUrl);
			assertThat(page.evaluate("() => window.__artifactRan === undefined")).isEqualTo(true);
			assertThat(page.locator("#rendered").count()).isZero();
		}
	}

}
