package io.durableflow.sample.checks;

import io.durableflow.action.Action;
import io.durableflow.action.ActionContext;
import io.durableflow.action.DurableAction;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks every http(s) link of a document: a link is broken when it does not answer
 * within the timeouts or answers 4xx/5xx. Real HTTP, with a connect timeout and a
 * per-request timeout.
 */
@DurableAction(name = "docs.broken_links")
public class BrokenLinks implements Action<CheckInput, List<Finding>> {

	private static final Pattern LINK = Pattern.compile("https?://[^\\s)\\]>\"']+");

	static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

	static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

	private final HttpClient client = HttpClient.newBuilder()
		.connectTimeout(CONNECT_TIMEOUT)
		.followRedirects(HttpClient.Redirect.NORMAL)
		.build();

	@Override
	public List<Finding> execute(ActionContext context, CheckInput input) {
		return check(input.body());
	}

	public List<Finding> check(String text) {
		Set<String> links = links(text);
		List<Finding> findings = new ArrayList<>();
		for (String link : links) {
			String problem = problem(link);
			if (problem != null) {
				findings.add(new Finding("broken_link", 0, link + " -> " + problem));
			}
		}
		return findings;
	}

	/** The document's http(s) links, each once, in the order they first appear. */
	public static Set<String> links(String text) {
		Set<String> links = new LinkedHashSet<>();
		Matcher matcher = LINK.matcher(text);
		while (matcher.find()) {
			links.add(matcher.group().replaceAll("[.,;:!?]+$", ""));
		}
		return links;
	}

	/**
	 * What is wrong with one link: {@code null} when it answers below 400 within the
	 * timeouts.
	 */
	public String problem(String link) {
		try {
			HttpRequest request = HttpRequest.newBuilder(URI.create(link))
				.timeout(REQUEST_TIMEOUT)
				.method("HEAD", HttpRequest.BodyPublishers.noBody())
				.build();
			int status = this.client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
			return (status >= 400) ? "HTTP " + status : null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "interrupted";
		}
		catch (Exception ex) {
			return ex.getClass().getSimpleName() + ((ex.getMessage() != null) ? ": " + ex.getMessage() : "");
		}
	}

}
