package io.durableflow.ui.browser;

import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import io.durableflow.RunStatus;
import io.durableflow.StartOptions;
import io.durableflow.ui.ConsoleTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A step graph's run page in a real headless Chromium: its steps and dependency edges
 * with each step's status, changing live; the steps a step emits appear once emitted.
 */
class StepGraphBrowserTests {

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
	void theStepGraphShowsEachStepsStatusLiveAndEmittedStepsOnceEmitted() {
		String runId = console.flow()
			.start("ui.steps", Map.of("doc", "plan"), StartOptions.builder().runId("browser-steps-1").build())
			.runId();
		console.awaitStatus(runId, RunStatus.WAITING);
		try (Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1280, 900))) {
			page.onDialog((dialog) -> dialog.accept());
			page.navigate(console.url("/durableflow/runs/" + runId));
			page.waitForSelector("#live-indicator[data-state=on]");
			page.evaluate("() => { window.__sameDocument = 'yes'; }");
			assertThat(page.getAttribute("#task-graph", "data-kind")).isEqualTo("steps");
			assertThat(page.textContent("#task-graph h2")).contains("Step graph");
			assertThat(page.getAttribute("#task-graph g.task[data-task='prepare']", "data-status"))
				.isEqualTo("succeeded");
			assertThat(page.getAttribute("#task-graph g.task[data-task='ask']", "data-status")).isEqualTo("waiting");
			assertThat(page.getAttribute("#task-graph g.task[data-task='fan']", "data-status")).isEqualTo("pending");
			assertThat(page.locator("#task-graph g.task[data-task='page[0]']").count()).isZero();
			// the dependency edges: prepare → ask → fan
			assertThat(page.locator("#task-graph g.edge[data-from='prepare'][data-to='ask']").count()).isEqualTo(1);
			assertThat(page.locator("#task-graph g.edge[data-from='ask'][data-to='fan']").count()).isEqualTo(1);

			// the inquiry answered with the page's own send-event form
			page.click("#send-event button[type=submit]");
			page.waitForSelector("#action-result[data-ok='true']");
			page.waitForSelector("#task-graph g.task[data-task='page[1]'][data-status='succeeded']");
			page.waitForSelector(".run-header[data-status='completed']");
			page.waitForSelector("body:not([data-parts])");
			assertThat(page.getAttribute("#task-graph g.task[data-task='page[0]']", "data-status"))
				.isEqualTo("succeeded");
			assertThat(page.getAttribute("#task-graph g.task[data-task='fan']", "data-status")).isEqualTo("succeeded");
			assertThat(page.locator("#task-graph g.edge[data-from='fan'][data-to='page[1]']").count()).isEqualTo(1);
			assertThat(page.textContent("#task-graph .task-legend")).contains("succeeded 5").contains("pending 0");
			assertThat(page.evaluate("() => window.__sameDocument")).isEqualTo("yes");
		}
	}

}
