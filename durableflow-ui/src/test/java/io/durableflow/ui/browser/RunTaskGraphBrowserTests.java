package io.durableflow.ui.browser;

import java.nio.file.Path;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import io.durableflow.RunStatus;
import io.durableflow.StartOptions;
import io.durableflow.WorkflowDefinitions;
import io.durableflow.WorkflowDefinitions.Format;
import io.durableflow.ui.ConsoleTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A YAML run's page in a real headless Chromium, run by the starter's task-graph
 * executor: the task graph with each task's status, changing live as the run goes on, a
 * task name carrying markup shown as text.
 */
class RunTaskGraphBrowserTests {

	/** The inquiry's name: markup that would run if it were inserted unescaped. */
	static final String ASK = "<img src=x onerror=window.__pwned=1>";

	static final String APPROVAL = """
			ref: docs.approval
			version: "1"
			tasks:
			  - name: prepare
			    action: core.echo
			    input:
			      doc: "{{ parameters.doc }}"
			    on_success: "ASK"
			  - name: "ASK"
			    action: core.inquiry
			    input:
			      prompt: Publish?
			    on_success: publish
			  - name: publish
			    action: core.echo
			""".replace("ASK", ASK);

	static BrowserSession session;

	static ConsoleTestSupport console;

	static Browser browser;

	@BeforeAll
	static void start() {
		session = BrowserSession.start("durableflow.ui.allow-unauthenticated=true", "ui-test.echoing-executor=false");
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
	void theTaskGraphShowsEachTasksStatusAndChangesLiveWhenTheInquiryIsAnswered() {
		WorkflowDefinitions definitions = console.definitions();
		definitions.create(APPROVAL, Format.YAML);
		String runId = definitions.start("docs.approval", Map.of("doc", "<b>plan</b>"), "browser-graph-1").runId();
		console.awaitStatus(runId, RunStatus.WAITING);
		try (Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1280, 900))) {
			page.onDialog((dialog) -> dialog.accept());
			page.navigate(console.url("/durableflow/runs/" + runId));
			page.waitForSelector("#live-indicator[data-state=on]");
			page.evaluate("() => { window.__sameDocument = 'yes'; }");
			assertThat(page.getAttribute("#task-graph", "data-revision")).isEqualTo("1");
			assertThat(status(page, "prepare")).isEqualTo("succeeded");
			assertThat(status(page, ASK)).isEqualTo("waiting");
			assertThat(status(page, "publish")).isEqualTo("pending");
			assertThat(page.getAttribute("#task-graph g.task[data-status='waiting']", "data-task")).isEqualTo(ASK);
			// shown as text: shortened to its box, whole in its title
			assertThat(page.textContent("#task-graph g.task[data-status='waiting'] text.name"))
				.startsWith("<img src=x");
			assertThat(page.textContent("#task-graph g.task[data-status='waiting'] title")).startsWith(ASK)
				.endsWith("waiting");
			assertThat(page.getAttribute("#task-graph .task-legend [data-status='waiting']", "data-count"))
				.isEqualTo("1");
			assertThat(page.textContent("#task-graph .task-legend")).contains("pending 1")
				.contains("succeeded 1")
				.contains("waiting 1");

			// the page's own send-event form, filled in with what the inquiry waits for
			assertThat(page.inputValue("#send-event input[name=event-name]")).isEqualTo("durableflow.inquiry");
			assertThat(page.inputValue("#send-event textarea[name=payload]")).contains(runId).contains(ASK);
			page.click("#send-event button[type=submit]");
			page.waitForSelector("#action-result[data-ok='true']");

			page.waitForSelector("#task-graph g.task[data-task='publish'][data-status='succeeded']");
			assertThat(status(page, ASK)).isEqualTo("succeeded");
			page.waitForSelector(".run-header[data-status='completed']");
			page.waitForSelector("body:not([data-parts])");
			assertThat(page.textContent("#task-graph .task-legend")).contains("succeeded 3").contains("pending 0");
			assertThat(page.evaluate("() => window.__sameDocument")).isEqualTo("yes");
			assertThat(page.evaluate("() => window.__pwned === undefined")).isEqualTo(true);
			assertThat(page.locator("img").count()).isZero();
			page.screenshot(
					new Page.ScreenshotOptions().setPath(Path.of("target", "run-graph-page.png")).setFullPage(true));
		}
	}

	@Test
	void aCodeWorkflowsRunPageHasNoTaskGraph() {
		String runId = console.flow()
			.start("greeting", "code", StartOptions.builder().runId("browser-graph-code").build())
			.runId();
		console.awaitStatus(runId, RunStatus.WAITING);
		try (Page page = browser.newPage()) {
			page.navigate(console.url("/durableflow/runs/" + runId));
			page.waitForSelector("li[data-step-name='greeted']");
			assertThat(page.locator("#task-graph").count()).isZero();
			assertThat(page.locator("svg.task-graph").count()).isZero();
		}
	}

	/** A task's status in the picture, found by its name whatever characters it has. */
	private static String status(Page page, String task) {
		return (String) page.evaluate("(name) => Array.from(document.querySelectorAll('#task-graph g.task'))"
				+ ".find((g) => g.getAttribute('data-task') === name).getAttribute('data-status')", task);
	}

}
