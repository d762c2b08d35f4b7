package io.durableflow.ui;

import java.util.Arrays;
import java.util.stream.Collectors;

import org.springframework.web.util.UriUtils;

/**
 * The console's links to runs. A run id may hold characters a path does not keep as they
 * are: a child run's id is its parent's, {@code /} and the step's name (which may hold
 * {@code #}, {@code ?} or blanks). Each {@code /}-separated part is percent-encoded and
 * the slashes stay (an encoded slash is refused by servlet containers), and the run pages
 * and the JSON API's run endpoints answer ids of several parts ({@code /runs/{*path}},
 * split by {@link RunPath}).
 *
 * @param base the console's path ({@code durableflow.ui.path})
 */
public record ConsolePaths(String base) {

	/** The path of the run's page. */
	public String run(String runId) {
		return this.base + "/runs/" + encode(runId);
	}

	/** {@code runId} as path segments, each percent-encoded, the slashes kept. */
	public static String encode(String runId) {
		return Arrays.stream(runId.split("/", -1))
			.map((part) -> UriUtils.encodePathSegment(part, java.nio.charset.StandardCharsets.UTF_8))
			.collect(Collectors.joining("/"));
	}

}
