package io.durableflow.ui.browser;

import java.nio.file.Path;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;
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
 * The console in a real headless Chromium (Debian's package): pages change live with no
 * navigation, an operator acts on a run, and HTML carried by runs stays inert.
 */
class ConsoleBrowserTests {

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
	void theRunsListChangesLiveWithoutNavigation() {
		DurableFlow flow = console.flow();
		try (Page page = browser.newPage()) {
			page.navigate(console.url("/durableflow"));
			page.waitForSelector("#live-indicator[data-state=on]");
			page.evaluate("() => { window.__sameDocument = 'yes'; }");
			flow.start("greeting", "live-list", StartOptions.builder().runId("browser-list-1").build());
			page.waitForSelector("tr[data-run-id='browser-list-1'][data-status='waiting']");
			flow.notify("greeted", Map.of("name", "live-list", "from", "tester"));
			page.waitForSelector("tr[data-run-id='browser-list-1'][data-status='completed']");
			assertThat(page.evaluate("() => window.__sameDocument")).isEqualTo("yes");
			page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "runs-page.png")).setFullPage(true));
		}
	}

	@Test
	void theRunPageChangesLiveAndShowsTheOutcome() {
		DurableFlow flow = console.flow();
		String runId = flow.start("greeting", "live-run", StartOptions.builder().runId("browser-run-1").build())
			.runId();
		console.awaitStatus(runId, RunStatus.WAITING);
		try (Page page = browser.newPage()) {
			page.navigate(console.url("/durableflow/runs/" + runId));
			page.waitForSelector("#live-indicator[data-state=on]");
			page.evaluate("() => { window.__sameDocument = 'yes'; }");
			assertThat(page.locator("li[data-step-name='greeted']").getAttribute("data-status")).isEqualTo("waiting");
			flow.notify("greeted", Map.of("name", "live-run", "from", "tester"));
			page.waitForSelector("li[data-step-name='greeted'][data-status='completed']");
			page.waitForSelector("li[data-step-name='answer'][data-status='completed']");
			page.waitForSelector(".run-header[data-status='completed']");
			page.waitForSelector("#outcome details[data-key=output]");
			assertThat(page.locator("#outcome").textContent()).contains("hello live-run from tester");
			assertThat(page.locator("#not-finished").count()).isZero();
			assertThat(page.evaluate("() => window.__sameDocument")).isEqualTo("yes");
			page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "run-page.png")).setFullPage(true));
		}
	}

	@Test
	void newStepsTheirLogsResultsWaitsAndErrorsAppearLiveAndTheTimelineShowsTheSleepOnItsTimeAxis() {
		DurableFlow flow = console.flow();
		String runId = flow
			.start("onboarding", new UiTestApp.Onboard("lin", 1200),
					StartOptions.builder().runId("browser-onboarding-1").build())
			.runId();
		console.awaitStatus(runId, RunStatus.WAITING);
		try (Page page = browser.newPage()) {
			page.onDialog((dialog) -> dialog.accept());
			page.navigate(console.url("/durableflow/runs/" + runId));
			page.waitForSelector("#live-indicator[data-state=on]");
			page.evaluate("() => { window.__sameDocument = 'yes'; }");
			assertThat(page.locator("li[data-step-name='send_welcome']").count()).isZero();
			page.click("li[data-step-name='create_account'] details summary");

			flow.notify("onboarding.confirmed", Map.of("user", "lin", "audit_fails", true));

			page.waitForSelector(".run-header[data-status='failed']");
			page.waitForSelector("li[data-step-name='audit'] .error code");
			assertThat(page.textContent("li[data-step-name='audit'] .error")).contains("audit_down")
				.contains("the audit service refused lin");
			assertThat(page.textContent("li[data-step-name='send_welcome'] .logs")).contains("welcome mail queued")
				.contains("{\"to\":\"lin\"}");
			assertThat(page.textContent("li[data-step-name='send_welcome'] details pre"))
				.contains("welcome sent to account-of-lin");
			assertThat(page.textContent("li[data-step-name='confirmed'] .waits")).contains("matched");
			page.waitForSelector("#outcome .error");
			assertThat(page.textContent("#outcome .error")).contains("audit_down");
			// the parts fetched for the last changes are in place
			page.waitForSelector("body:not([data-parts])");
			// what the reader opened stays open across the refresh
			assertThat(page.getAttribute("li[data-step-name='create_account'] details", "open")).isNotNull();
			// the picture, drawn again: the sleep's band over 1.2 s of a run that took
			// longer
			assertThat(page.locator("svg.bars .axis text").allTextContents()).contains("0 s").hasSizeGreaterThan(2);
			// measured in one go: the parts may be replaced again between two reads
			Object sleepShare = page.evaluate("() => document.querySelector('svg.bars rect.gap.kind-sleep')"
					+ ".getBoundingClientRect().width / document.querySelector('svg.bars').getBoundingClientRect().width");
			assertThat(((Number) sleepShare).doubleValue()).isBetween(0.2, 0.98);
			assertThat(page.textContent("#run-picture h2 .total")).isNotBlank();
			// the retry button came with the refreshed steps, and works
			page.click("li[data-step-name='audit'] button.retry-step");
			page.waitForSelector("#action-result[data-ok='true']");
			assertThat(page.textContent("#action-result")).contains("Step audit is ready again");
			assertThat(page.evaluate("() => window.__sameDocument")).isEqualTo("yes");
		}
	}

	@Test
	void anOperatorCancelsARunFromItsPage() {
		DurableFlow flow = console.flow();
		String runId = flow.start("greeting", "to-cancel", StartOptions.builder().runId("browser-cancel-1").build())
			.runId();
		console.awaitStatus(runId, RunStatus.WAITING);
		try (Page page = browser.newPage()) {
			page.onDialog((dialog) -> dialog.accept("no longer needed"));
			page.navigate(console.url("/durableflow/runs/" + runId));
			page.waitForSelector("#live-indicator[data-state=on]");
			page.click("#cancel-run");
			page.waitForSelector("#action-result[data-ok='true']");
			assertThat(page.textContent("#action-result")).contains("Run cancelled");
			page.waitForSelector(".run-header[data-status='cancelled']");
		}
		assertThat(flow.find(runId).orElseThrow().status()).isEqualTo(RunStatus.CANCELLED);
		assertThat(flow.find(runId).orElseThrow().error().orElseThrow().message()).isEqualTo("no longer needed");
	}

	@Test
	void aWaitingRunsPageOffersItsEventFilledInAndOneClickResumesIt() {
		DurableFlow flow = console.flow();
		String runId = flow.start("greeting", "prefilled", StartOptions.builder().runId("browser-event-1").build())
			.runId();
		console.awaitStatus(runId, RunStatus.WAITING);
		try (Page page = browser.newPage()) {
			page.onDialog((dialog) -> dialog.accept());
			page.navigate(console.url("/durableflow/runs/" + runId));
			page.waitForSelector("#live-indicator[data-state=on]");
			assertThat(page.inputValue("#send-event input[name=event-name]")).isEqualTo("greeted");
			assertThat(page.inputValue("#send-event textarea[name=payload]")).isEqualTo("{\"name\":\"prefilled\"}");
			assertThat(page.textContent("#send-event-hint")).contains("step greeted");
			page.click("#send-event button[type=submit]");
			page.waitForSelector("#action-result[data-ok='true']");
			assertThat(page.textContent("#action-result")).contains("matched 1");
			page.waitForSelector(".run-header[data-status='completed']");
		}
		assertThat(flow.find(runId).orElseThrow().status()).isEqualTo(RunStatus.COMPLETED);
	}

	@Test
	void timesAreShownInTheBrowsersZoneWithHowLongAgoAndTheExactInstantOnHover() {
		DurableFlow flow = console.flow();
		String runId = flow.start("greeting", "timed", StartOptions.builder().runId("browser-time-1").build()).runId();
		console.awaitStatus(runId, RunStatus.WAITING);
		try (Page page = browser.newPage()) {
			page.navigate(console.url("/durableflow"));
			String updated = "tr[data-run-id='browser-time-1'] td[data-field='updated']";
			page.waitForSelector(updated + "[title]");
			assertThat(page.getAttribute(updated, "title")).endsWith("Z");
			assertThat(page.textContent(updated)).containsPattern("just now|\\d+ s ago");
			page.navigate(console.url("/durableflow/runs/" + runId));
			// the wait times out in five minutes
			page.waitForSelector("li[data-step-name='greeted'] [data-time][title]");
			assertThat(page.textContent("li[data-step-name='greeted'] [data-time]")).containsPattern("in [45] min");
		}
	}

	@Test
	void htmlAndScriptsCarriedByARunAreShownInert() {
		DurableFlow flow = console.flow();
		String evil = "<img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=2</script>";
		String runId = flow.start("greeting", evil, StartOptions.builder().runId("browser-evil-1").build()).runId();
		console.awaitStatus(runId, RunStatus.WAITING);
		flow.notify("greeted", Map.of("name", evil, "from", evil));
		console.awaitStatus(runId, RunStatus.COMPLETED);
		try (Page page = browser.newPage()) {
			page.navigate(console.url("/durableflow/runs/" + runId));
			page.waitForSelector("li[data-step-name='answer']");
			page.navigate(console.url("/durableflow"));
			page.waitForSelector("tr[data-run-id='browser-evil-1']");
			assertThat(page.evaluate("() => window.__pwned === undefined")).isEqualTo(true);
			assertThat(page.locator("img[src=x]").count()).isZero();
		}
	}

	@Test
	void aClosedConsoleAnswers403InTheBrowser() {
		try (ConsoleTestSupport closed = ConsoleTestSupport.start(); Page page = browser.newPage()) {
			var response = page.navigate(closed.url("/durableflow"));
			assertThat(response.status()).isEqualTo(403);
			page.waitForSelector("h1", new Page.WaitForSelectorOptions().setState(WaitForSelectorState.VISIBLE));
			assertThat(page.textContent("body")).contains("durableflow.ui.allow-unauthenticated=true");
		}
	}

}
