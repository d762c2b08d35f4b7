package io.durableflow.ui.browser;

import java.nio.file.Path;
import java.util.List;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import io.durableflow.DurableFlow;
import io.durableflow.RunStatus;
import io.durableflow.StartOptions;
import io.durableflow.WorkflowRunView;
import io.durableflow.ui.ConsoleTestSupport;
import io.durableflow.ui.app.UiTestApp.Held;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Queues in a real headless Chromium: a queue capped at one shows its running and waiting
 * runs on the queues page, and the numbers follow the queue without a reload; the runs
 * list filtered by queue shows new runs of that queue only.
 */
class QueuesBrowserTests {

	static BrowserSession session;

	static ConsoleTestSupport console;

	static Browser browser;

	@BeforeAll
	static void start() {
		session = BrowserSession.start("durableflow.ui.allow-unauthenticated=true",
				"durableflow.queues.single.concurrency=1",
				"durableflow.queues.single.description=<img src=x onerror=\"window.__pwned=1\">one at a time");
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
	void aQueueCappedAtOneShowsOneRunningAndTheRestQueuedAndFollowsThemLive() {
		DurableFlow flow = console.flow();
		List<String> runs = List.of("browser-queue-1", "browser-queue-2", "browser-queue-3");
		runs.forEach((runId) -> flow.start("held", runId, StartOptions.builder().runId(runId).queue("single").build()));
		String single = "tr[data-queue='single']";
		try (Page page = browser.newPage()) {
			page.navigate(console.url("/durableflow/queues"));
			page.waitForSelector(single + "[data-running='1'][data-queued='2']");
			page.evaluate("() => { window.__sameDocument = 'yes'; }");
			assertThat(page.textContent(single + " [data-field=running]")).isEqualTo("1");
			assertThat(page.textContent(single + " [data-field=queued]")).isEqualTo("2");
			assertThat(page.getAttribute(single + " [data-field=oldest]", "title")).endsWith("Z");
			assertThat(page.textContent(single + " [data-field=oldest]")).containsPattern("just now|\\d+ s ago");
			assertThat(page.textContent(single + " [data-field=description]"))
				.isEqualTo("<img src=x onerror=\"window.__pwned=1\">one at a time");

			Held.release(running(flow, runs));
			page.waitForSelector(single + "[data-running='1'][data-queued='1']");
			assertThat(page.textContent(single + " [data-field=queued]")).isEqualTo("1");

			runs.forEach(Held::release);
			page.waitForSelector(single + "[data-running='0'][data-queued='0']");
			assertThat(page.textContent(single + " [data-field=running]")).isEqualTo("0");
			assertThat(page.textContent(single + " [data-field=oldest]")).isEqualTo("—");
			assertThat(page.getAttribute(single + " [data-field=oldest]", "data-time")).isNull();
			assertThat(page.evaluate("() => window.__sameDocument")).isEqualTo("yes");
			assertThat(page.evaluate("() => window.__pwned === undefined")).isEqualTo(true);
			assertThat(page.locator("img[src=x]").count()).isZero();
			page.screenshot(
					new Page.ScreenshotOptions().setPath(Path.of("target", "queues-page.png")).setFullPage(true));
		}
		runs.forEach((runId) -> console.awaitStatus(runId, RunStatus.COMPLETED));
	}

	@Test
	void newRowsOfTheRunsListFollowItsQueueFilterLive() {
		DurableFlow flow = console.flow();
		try (Page page = browser.newPage()) {
			page.navigate(console.url("/durableflow?queue=single"));
			page.waitForSelector("#live-indicator[data-state=on]");
			flow.start("greeting", "elsewhere", StartOptions.builder().runId("browser-queue-default").build());
			String inQueue = flow
				.start("greeting", "in-queue",
						StartOptions.builder().runId("browser-queue-single").queue("single").build())
				.runId();
			// changes reach the page in the order they were made: the run of the default
			// queue was shown or left out before this one appeared
			page.waitForSelector("tr[data-run-id='browser-queue-single']");
			assertThat(page.locator("tr[data-run-id='browser-queue-default']").count()).isZero();
			console.awaitStatus(inQueue, RunStatus.WAITING);
			flow.cancel(inQueue, "done with it");
		}
	}

	/** The one run of {@code runs} that holds the queue's slot now. */
	private static String running(DurableFlow flow, List<String> runs) {
		List<String> running = runs.stream()
			.filter((runId) -> flow.find(runId).map(WorkflowRunView::status).orElse(null) == RunStatus.RUNNING)
			.toList();
		assertThat(running).hasSize(1);
		return running.get(0);
	}

}
