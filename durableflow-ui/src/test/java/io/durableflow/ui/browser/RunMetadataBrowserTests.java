package io.durableflow.ui.browser;

import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import io.durableflow.DurableFlow;
import io.durableflow.RunStatus;
import io.durableflow.StartOptions;
import io.durableflow.ui.ConsoleTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Run names and metadata in a real headless Chromium: an operator filters the runs list
 * by metadata and follows a run to its page; a name or a value that is markup is shown as
 * text and never runs.
 */
class RunMetadataBrowserTests {

	private static final String NAME = "<img src=x onerror=\"window.injected=1\"><script>window.injected=2</script>";

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
	void anOperatorFiltersByMetadataAndSeesNamesAndValuesAsTextNeverAsMarkup() {
		DurableFlow flow = console.flow();
		flow.start("greeting", "ada",
				StartOptions.builder()
					.runId("meta-acme")
					.name(NAME)
					.metadata(Map.of("customer", "acme", "note", "<b>bold</b>"))
					.build());
		flow.start("greeting", "bob",
				StartOptions.builder()
					.runId("meta-globex")
					.name("Invoice 7")
					.metadata(Map.of("customer", "globex"))
					.build());
		console.awaitStatus("meta-acme", RunStatus.WAITING);
		try (Page page = browser.newPage()) {
			page.navigate(console.url("/durableflow"));
			page.fill("input[name=metadata]", "customer=acme");
			page.click("form.filters button[type=submit]");
			page.waitForURL("**metadata=customer%3Dacme**");

			assertThat(page.locator("#runs-body tr[data-run-id]").count()).isEqualTo(1);
			String row = "tr[data-run-id='meta-acme'] ";
			assertThat(page.textContent(row + "[data-field=name]")).isEqualTo(NAME);
			assertThat(page.locator(row + "[data-field=metadata] code").allTextContents())
				.containsExactly("customer=acme", "note=<b>bold</b>");
			assertThat(page.locator(row + "b").count()).isZero();
			assertThat(page.locator(row + "img").count()).isZero();
			assertThat(page.inputValue("input[name=metadata]")).isEqualTo("customer=acme");

			page.click(row + "a[href$='/runs/meta-acme']");
			page.waitForSelector("#run-header[data-run-id='meta-acme']");
			assertThat(page.textContent("#run-header [data-field=name]")).isEqualTo(NAME);
			assertThat(page.locator("#run-header img").count()).isZero();
			assertThat(page.evaluate("() => window.injected === undefined")).isEqualTo(true);

			page.click("#run-header [data-field=metadata] a[title='Runs with customer=acme']");
			page.waitForSelector("#runs-body tr[data-run-id='meta-acme']");
			assertThat(page.locator("#runs-body tr[data-run-id='meta-globex']").count()).isZero();
			assertThat(page.evaluate("() => window.injected === undefined")).isEqualTo(true);
		}
	}

	@Test
	void aFilterTheListCannotReadIsExplainedBesideTheFilters() {
		try (Page page = browser.newPage()) {
			page.navigate(console.url("/durableflow"));
			page.fill("input[name=metadata]", "customer");
			page.click("form.filters button[type=submit]");
			page.waitForSelector("#filter-error");
			assertThat(page.textContent("#filter-error")).contains("Metadata filter 'customer' has no '='");
			assertThat(page.inputValue("input[name=metadata]")).isEqualTo("customer");
		}
	}

}
