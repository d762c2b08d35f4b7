package io.durableflow.ui.browser;

import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import io.durableflow.DurableFlow;
import io.durableflow.RunStatus;
import io.durableflow.StartOptions;
import io.durableflow.ui.ConsoleTestSupport;
import io.durableflow.ui.app.UiTestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runs list in a real headless Chromium: operators cancel and retry selected runs,
 * the counts follow the runs live, and the chart of runs per minute is drawn.
 */
class RunsListBrowserTests {

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
	void anOperatorCancelsSelectedRunsAndIsToldWhichWereSkipped() {
		DurableFlow flow = console.flow();
		for (String name : new String[] { "bulk-c-1", "bulk-c-2", "bulk-c-done" }) {
			flow.start("greeting", name, StartOptions.builder().runId(name).build());
			console.awaitStatus(name, RunStatus.WAITING);
		}
		flow.notify("greeted", Map.of("name", "bulk-c-done"));
		console.awaitStatus("bulk-c-done", RunStatus.COMPLETED);
		try (Page page = browser.newPage()) {
			StringBuilder asked = new StringBuilder();
			page.onDialog((dialog) -> {
				asked.append(dialog.message());
				dialog.accept("tidy up");
			});
			page.navigate(console.url("/durableflow?runId=bulk-c-"));
			page.waitForSelector("#live-indicator[data-state=on]");
			assertThat(page.isDisabled("#bulk-cancel")).isTrue();
			page.check("tr[data-run-id='bulk-c-1'] input.select-run");
			page.check("tr[data-run-id='bulk-c-2'] input.select-run");
			page.check("tr[data-run-id='bulk-c-done'] input.select-run");
			assertThat(page.textContent("#bulk-selected")).isEqualTo("3 selected: 2 unfinished, 0 failed");

			page.click("#bulk-cancel");

			page.waitForSelector("#bulk-result[data-ok='true']");
			assertThat(asked.toString()).contains("Cancel 3 selected runs?").contains("1 has finished");
			assertThat(page.textContent("#bulk-result")).isEqualTo("2 runs cancelled; 1 skipped: already finished.");
			page.waitForSelector("tr[data-run-id='bulk-c-1'][data-status='cancelled']");
			page.waitForSelector("tr[data-run-id='bulk-c-2'][data-status='cancelled']");
			assertThat(page.isChecked("tr[data-run-id='bulk-c-1'] input.select-run")).isFalse();
		}
		assertThat(flow.find("bulk-c-1").orElseThrow().error().orElseThrow().message()).isEqualTo("tidy up");
		assertThat(flow.find("bulk-c-done").orElseThrow().status()).isEqualTo(RunStatus.COMPLETED);
	}

	@Test
	void anOperatorRetriesEveryFailedRunOnThePageAndTheyComplete() {
		DurableFlow flow = console.flow();
		for (String name : new String[] { "bulk-r-1", "bulk-r-2" }) {
			flow.start("charge", name, StartOptions.builder().runId(name).build());
			console.awaitStatus(name, RunStatus.FAILED);
		}
		flow.start("greeting", "bulk-r-waiting", StartOptions.builder().runId("bulk-r-waiting").build());
		console.awaitStatus("bulk-r-waiting", RunStatus.WAITING);
		UiTestApp.REPAIRED.add("bulk-r-1");
		UiTestApp.REPAIRED.add("bulk-r-2");
		try (Page page = browser.newPage()) {
			page.onDialog((dialog) -> dialog.accept());
			page.navigate(console.url("/durableflow?runId=bulk-r-"));
			page.waitForSelector("#live-indicator[data-state=on]");
			page.check("#select-all");
			assertThat(page.textContent("#bulk-selected")).isEqualTo("3 selected: 1 unfinished, 2 failed");

			page.click("#bulk-retry");

			page.waitForSelector("#bulk-result[data-ok='true']");
			assertThat(page.textContent("#bulk-result")).isEqualTo("2 runs retried; 1 skipped: not failed.");
			page.waitForSelector("tr[data-run-id='bulk-r-1'][data-status='completed']");
			page.waitForSelector("tr[data-run-id='bulk-r-2'][data-status='completed']");
		}
		assertThat(flow.find("bulk-r-2").orElseThrow().output(String.class)).isEqualTo("charged bulk-r-2");
	}

	@Test
	void theCountsFollowTheRunsLiveAndTheChartOfRunsPerMinuteIsDrawn() {
		DurableFlow flow = console.flow();
		flow.start("greeting", "charted", StartOptions.builder().runId("browser-charted-1").build());
		try (Page page = browser.newPage()) {
			page.navigate(console.url("/durableflow"));
			page.waitForSelector("#live-indicator[data-state=on]");
			assertThat(page.getAttribute("svg.activity-chart", "role")).isEqualTo("img");
			assertThat(page.textContent("#activity-title")).isEqualTo("Runs per minute, last 60 minutes");
			assertThat(page.textContent("#activity-desc"))
				.containsPattern("In the last 60 minutes: \\d+ runs? started");
			assertThat(Integer.parseInt(page.textContent("[data-total='started']"))).isPositive();
			assertThat(page.locator("svg.activity-chart").boundingBox().height).isGreaterThan(60);
			assertThat(page.locator("svg.activity-chart .hover rect").count()).isEqualTo(60);

			flow.start("greeting", "counted", StartOptions.builder().runId("browser-counted-1").build());
			console.awaitStatus("browser-counted-1", RunStatus.WAITING);
			console.awaitStatus("browser-charted-1", RunStatus.WAITING);
			long waiting = console.countRuns("waiting");

			// the counts are cached for up to 5 s: the page asks again until they have
			// moved
			page.waitForFunction("(n) => document.querySelector(\"[data-count='waiting']\").textContent === n",
					String.valueOf(waiting));
		}
	}

}
