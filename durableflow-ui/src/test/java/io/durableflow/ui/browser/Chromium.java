package io.durableflow.ui.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Debian's Chromium, headless, driven by Playwright (never a downloaded browser). */
final class Chromium {

	static final Path PATH = Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));

	private Chromium() {
	}

	/** Skips the calling tests when Chromium is not installed. */
	static void assumeInstalled() {
		assumeTrue(Files.isExecutable(PATH),
				"Chromium is not installed at " + PATH + " (.ci/run installs Debian's chromium package)");
	}

	static Browser launch(Playwright playwright) {
		return playwright.chromium()
			.launch(new BrowserType.LaunchOptions().setExecutablePath(PATH)
				.setHeadless(true)
				.setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking")));
	}

}
