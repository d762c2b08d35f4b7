package io.durableflow.sample.audit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.durableflow.ArtifactRef;
import io.durableflow.action.Action;
import io.durableflow.action.ActionContext;
import io.durableflow.action.DurableAction;
import io.durableflow.sample.checks.Finding;

/**
 * {@code audit.report}: the audit's last step, reading the results of the steps it
 * depends on (the typo and style findings, every link step's answer), and storing the
 * report as an artifact ({@code audit-report.md}, on the run page and at
 * {@code /durableflow/api/runs/{runId}/artifacts}) beside the short result. A retry of
 * the step gets the stored artifact back instead of storing another.
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
		String title = String.valueOf(input.get("title"));
		String verdict = (findings == 0) ? "clean" : findings + " finding(s)";
		ArtifactRef file = context.artifact("audit-report.md", "text/markdown; charset=utf-8",
				markdown(title, typos, style, links, broken, verdict).getBytes(StandardCharsets.UTF_8));
		return new Report(title, typos.length, style.length, links, broken, verdict, file.id());
	}

	private static String markdown(String title, Finding[] typos, Finding[] style, int links, List<String> broken,
			String verdict) {
		StringBuilder report = new StringBuilder("# Audit of ").append(title).append("\n\n");
		report.append("Verdict: ").append(verdict).append("\n\n## Typos\n\n");
		for (Finding typo : typos) {
			report.append("- ").append(typo).append('\n');
		}
		report.append("\n## Style\n\n");
		for (Finding finding : style) {
			report.append("- ").append(finding).append('\n');
		}
		report.append("\n## Links (").append(links).append(" checked)\n\n");
		for (String link : broken) {
			report.append("- broken: ").append(link).append('\n');
		}
		return report.toString();
	}

	/** What the audit found; the full report is the artifact {@code reportArtifactId}. */
	public record Report(String title, int typos, int styleFindings, int linksChecked, List<String> brokenLinks,
			String verdict, String reportArtifactId) {
	}

}
