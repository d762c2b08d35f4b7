package io.durableflow.ui.browser;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.durableflow.DurableFlow;
import io.durableflow.RunStatus;
import io.durableflow.StartOptions;
import io.durableflow.WorkflowDefinitions;
import io.durableflow.ui.ConsoleTestSupport;
import io.durableflow.ui.app.UiTestApp;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's screenshots of the console, taken in Chromium from a few representative
 * runs. Not part of the build (its name is not a test's): run it by name,
 * {@code mvn -o -pl durableflow-ui -am verify -Dtest=ReadmeScreenshots -Dsurefire.failIfNoSpecifiedTests=false},
 * and it writes {@code docs/screenshots/*.png} (or where
 * {@code -Ddurableflow.screenshots=DIR} says).
 */
class ReadmeScreenshots {

	@Test
	void takeTheReadmeScreenshots() {
		Chromium.assumeInstalled();
		Path into = Path.of(System.getProperty("durableflow.screenshots", "../docs/screenshots"));
		try (ConsoleTestSupport console = ConsoleTestSupport.start("durableflow.ui.allow-unauthenticated=true",
				"ui-test.echoing-executor=false");
				Playwright playwright = Playwright.create();
				Browser browser = Chromium.launch(playwright)) {
			DurableFlow flow = console.flow();
			history(console);
			String onboarding = start(flow, "onboarding", new UiTestApp.Onboard("ada", 1500), "onboarding-ada");
			start(flow, "charge", "invoice-17", "charge-invoice-17");
			start(flow, "charge", "invoice-18", "charge-invoice-18");
			for (String name : new String[] { "grace", "alan", "barbara", "edsger" }) {
				start(flow, "greeting", name, "greeting-" + name);
			}
			console.awaitStatus("greeting-edsger", RunStatus.WAITING);
			flow.notify("greeted", Map.of("name", "grace", "from", "the team"));
			flow.notify("greeted", Map.of("name", "alan", "from", "the team"));
			flow.cancel("greeting-barbara", "duplicate request");
			console.awaitStatus(onboarding, RunStatus.WAITING);
			flow.notify("onboarding.confirmed", Map.of("user", "ada"));
			console.awaitStatus(onboarding, RunStatus.COMPLETED);
			console.awaitStatus("charge-invoice-18", RunStatus.FAILED);
			console.awaitStatus("greeting-alan", RunStatus.COMPLETED);
			console.definitions().create(PUBLISH, WorkflowDefinitions.Format.YAML);
			String publish = console.definitions()
				.start("docs.publish", Map.of("spell", false, "languages", List.of("de", "fr")), "publish-handbook")
				.runId();
			console.awaitStatus(publish, RunStatus.WAITING);
			try (Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1280, 900))) {
				page.navigate(console.url("/durableflow"));
				page.waitForSelector("#live-indicator[data-state=on]");
				page.check("tr[data-run-id='charge-invoice-17'] input.select-run");
				page.check("tr[data-run-id='charge-invoice-18'] input.select-run");
				assertThat(page.textContent("#bulk-selected")).contains("2 failed");
				page.screenshot(new Page.ScreenshotOptions().setPath(into.resolve("runs-page.png")));

				page.navigate(console.url("/durableflow/runs/" + onboarding));
				page.waitForSelector("#live-indicator[data-state=on]");
				page.waitForSelector("svg.bars rect.gap.kind-sleep");
				page.click("li[data-step-name='send_welcome'] details summary");
				page.screenshot(new Page.ScreenshotOptions().setPath(into.resolve("run-page.png")).setFullPage(true));

				page.navigate(console.url("/durableflow/runs/" + publish));
				page.waitForSelector("#live-indicator[data-state=on]");
				page.waitForSelector("#task-graph g.task[data-status='waiting']");
				page.screenshot(new Page.ScreenshotOptions().setPath(into.resolve("run-graph-page.png")));
			}
		}
	}

	/**
	 * A YAML run for the task graph on its page: links checked beside it, a spell check
	 * skipped, two translations, waiting for a reviewer.
	 */
	static final String PUBLISH = """
			ref: docs.publish
			version: "1"
			label: Publish a document
			tasks:
			  - name: fetch_document
			    action: core.echo
			    on_success: [check_links, spell_check, translate]
			  - name: check_links
			    action: core.echo
			    on_success: review
			  - name: spell_check
			    action: core.echo
			    when: "{{ parameters.spell }}"
			  - name: translate
			    action: core.echo
			    with_items: "{{ parameters.languages }}"
			  - name: review
			    action: core.inquiry
			    input:
			      prompt: Publish it?
			    on_success: publish
			    on_failure: tell_author
			  - name: publish
			    action: core.echo
			  - name: tell_author
			    action: core.echo
			""";

	/**
	 * An hour of finished runs for the chart, written as the engine records them in the
	 * documented table (runs of a busy hour are not worth the wait).
	 */
	private static void history(ConsoleTestSupport console) {
		Instant now = Instant.now();
		List<Object[]> rows = new ArrayList<>();
		for (int minute = 0; minute < 60; minute++) {
			int started = 4 + (int) Math.round(3 * Math.sin(minute / 5.0) + 2 * Math.cos(minute / 2.3));
			for (int i = 0; i < started; i++) {
				Instant created = now.minus(Duration.ofSeconds((60 - minute) * 60L - i * 7L));
				Instant finished = created.plusSeconds(25 + i * 3L);
				boolean failed = (minute * 7 + i) % 23 == 0;
				rows.add(new Object[] { "history-" + minute + "-" + i, failed ? "failed" : "completed",
						Timestamp.from(created), Timestamp.from(finished), Timestamp.from(finished),
						failed ? "{\"code\": \"upstream_down\", \"message\": \"the payment upstream is down\"}"
								: null });
			}
		}
		console.jdbc()
			.batchUpdate(
					"INSERT INTO durableflow.workflow_runs (run_id, workflow_name, status, created_at, updated_at, "
							+ "finished_at, error) VALUES (?, 'charge', ?, ?, ?, ?, ?::jsonb)",
					rows);
	}

	private static String start(DurableFlow flow, String workflow, Object input, String runId) {
		return flow.start(workflow, input, StartOptions.builder().runId(runId).build()).runId();
	}

}
