package io.durableflow.ui.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Playwright;
import io.durableflow.ui.ConsoleTestSupport;

/**
 * What a browser test class runs against: the console's host on its own database and
 * Debian's Chromium (skipping the class when Chromium is not installed), closed together.
 *
 * @param console the host
 * @param playwright the driver
 * @param browser the browser
 */
record BrowserSession(ConsoleTestSupport console, Playwright playwright, Browser browser) implements AutoCloseable {

	/** The host with {@code properties} ({@code name=value}), and a browser. */
	static BrowserSession start(String... properties) {
		Chromium.assumeInstalled();
		ConsoleTestSupport console = ConsoleTestSupport.start(properties);
		try {
			Playwright playwright = Playwright.create();
			try {
				return new BrowserSession(console, playwright, Chromium.launch(playwright));
			}
			catch (RuntimeException ex) {
				playwright.close();
				throw ex;
			}
		}
		catch (RuntimeException ex) {
			console.close();
			throw ex;
		}
	}

	@Override
	public void close() {
		this.browser.close();
		this.playwright.close();
		this.console.close();
	}

}
