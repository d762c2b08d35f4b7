package io.durableflow.sample.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.durableflow.GraphStep;
import io.durableflow.StepHandle;
import io.durableflow.action.Action;
import io.durableflow.action.ActionContext;
import io.durableflow.action.DurableAction;
import io.durableflow.sample.checks.BrokenLinks;
import io.durableflow.sample.checks.CheckInput;

/**
 * {@code audit.check_links}: finds the document's links and emits a step per link
 * ({@code link[<n>]}, action {@code audit.check_link}, depending on nothing: they all run
 * at the same time), then the audit's {@code report}, depending on the checks and on
 * every link step. Returns the links found.
 */
@DurableAction(name = "audit.check_links")
public class CheckLinks implements Action<CheckInput, Map<String, Object>> {

	@Override
	public Map<String, Object> execute(ActionContext context, CheckInput input) {
		List<String> links = new ArrayList<>(BrokenLinks.links(input.body()));
		List<StepHandle> checks = new ArrayList<>(
				List.of(StepHandle.of("typos"), StepHandle.of("style"), StepHandle.of(context.stepName())));
		for (int i = 0; i < links.size(); i++) {
			checks.add(context.emit("link[" + i + "]", "audit.check_link", Map.of("url", links.get(i)),
					SiteAuditWorkflow.TWICE));
		}
		context.emit("report", "audit.report", Map.of("title", input.title(), "links", links.size()),
				GraphStep.dependsOn(checks));
		return Map.of("links", links);
	}

}
