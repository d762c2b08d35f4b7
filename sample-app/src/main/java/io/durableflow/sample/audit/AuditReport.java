package io.durableflow.sample.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.durableflow.action.Action;
import io.durableflow.action.ActionContext;
import io.durableflow.action.DurableAction;
import io.durableflow.sample.checks.Finding;

/**
 * {@code audit.report}: the audit's last step, reading the results of the steps it
 * depends on (the typo and style findings, every link step's answer).
 */
@DurableAction(name = "audit.report")
public class AuditReport implements Action<Map<String, Object>, AuditReport.Report> {

	@Override
	public Report execute(ActionContext context, Map<String, Object> input) {
		int links = ((Number) input.get("links")).intValue();
		List<String> broken = new ArrayList<>();
		for (int i = 0; i < links; i++) {
			CheckLink.LinkResult link = context.dependencyResult("link[" + i + "]", CheckLink.LinkResult.class);
			if (link.broken()) {
				broken.add(link.url() + " -> " + link.problem());
			}
		}
		Finding[] typos = context.dependencyResult("typos", Finding[].class);
		Finding[] style = context.dependencyResult("style", Finding[].class);
		int findings = typos.length + style.length + broken.size();
		return new Report(String.valueOf(input.get("title")), typos.length, style.length, links, broken,
				(findings == 0) ? "clean" : findings + " finding(s)");
	}

	/** What the audit found. */
	public record Report(String title, int typos, int styleFindings, int linksChecked, List<String> brokenLinks,
			String verdict) {
	}

}
