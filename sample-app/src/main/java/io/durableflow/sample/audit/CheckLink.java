package io.durableflow.sample.audit;

import java.util.Map;

import io.durableflow.action.Action;
import io.durableflow.action.ActionContext;
import io.durableflow.action.DurableAction;
import io.durableflow.sample.checks.BrokenLinks;

/**
 * {@code audit.check_link}: one link, checked as {@code docs.broken_links} checks each of
 * its links (a HEAD request, 3 s to connect, 5 s to answer; broken on no answer or
 * 4xx/5xx).
 */
@DurableAction(name = "audit.check_link")
public class CheckLink implements Action<Map<String, String>, CheckLink.LinkResult> {

	private final BrokenLinks links;

	public CheckLink(BrokenLinks links) {
		this.links = links;
	}

	@Override
	public LinkResult execute(ActionContext context, Map<String, String> input) {
		String url = input.get("url");
		String problem = this.links.problem(url);
		return new LinkResult(url, problem != null, problem);
	}

	/** How one link answered. */
	public record LinkResult(String url, boolean broken, String problem) {
	}

}
