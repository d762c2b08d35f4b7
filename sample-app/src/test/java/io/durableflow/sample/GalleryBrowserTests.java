package io.durableflow.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.durableflow.testing.DurableFlowTester;
import io.durableflow.testing.EnableDurableFlowTesting;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The tutorial gallery in a real headless Chromium: a chip starts a tutorial and opens
 * its run page, which moves live as the run executes; a duplicate shows the 409 message,
 * not a stack trace. The test executes due work itself (no background scheduler), so
 * every step is certain.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sample.embedded-postgres.data-dir=", "durableflow.worker.enabled=false" })
@EnableDurableFlowTesting
class GalleryBrowserTests {

	static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));

	static Playwright playwright;

	static Browser browser;

	@Autowired
	DurableFlowTester tester;

	@Autowired
	Environment environment;

	@BeforeAll
	static void startBrowser() {
		assumeTrue(Files.isExecutable(CHROMIUM), "Chromium is not installed at " + CHROMIUM);
		playwright = Playwright.create();
		browser = playwright.chromium()
			.launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM)
				.setHeadless(true)
				.setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking")));
	}

	@AfterAll
	static void stopBrowser() {
		if (browser != null) {
			browser.close();
		}
		if (playwright != null) {
			playwright.close();
		}
	}

	@Test
	void aChipStartsATutorialWhoseRunPageMovesLive() {
		try (Page page = browser.newPage()) {
			page.navigate(url("/?user=ada"));
			page.click(".chip[data-slug='audit-typos']");
			page.waitForURL("**/durableflow/runs/**");
			page.waitForSelector("#live-indicator[data-state=on]");
			assertThat(page.getAttribute(".run-header", "data-status")).isEqualTo("pending");
			this.tester.runUntilIdle();
			page.waitForSelector(".run-header[data-status='completed']");
			page.waitForSelector("li[data-step-name='typo_check'][data-status='completed']");
			assertThat(page.textContent(".run-header")).contains("platform_template / playground").contains("ada");
		}
	}

	@Test
	void aDuplicateShowsTheConflictMessageNotAStackTrace() {
		try (Page page = browser.newPage()) {
			page.navigate(url("/?user=bob"));
			page.click(".chip[data-slug='check-links']");
			page.waitForURL("**/durableflow/runs/**");
			page.navigate(url("/?user=bob"));
			page.click(".chip[data-slug='check-links']");
			page.waitForSelector("#message:has-text('already running')");
			assertThat(page.textContent("#message")).contains("This tutorial is already running for you")
				.doesNotContain("Exception");
		}
		this.tester.runUntilIdle();
	}

	private String url(String path) {
		return "http://localhost:" + this.environment.getProperty("local.server.port") + path;
	}

}
