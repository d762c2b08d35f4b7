package io.durableflow.sample.audit;

import io.durableflow.DurableWorkflow;
import io.durableflow.GraphBuilder;
import io.durableflow.GraphStep;
import io.durableflow.GraphWorkflow;
import io.durableflow.StepOptions;
import io.durableflow.sample.checks.CheckInput;

/**
 * A site audit as a step graph: the typo and style checks and the link scan run at the
 * same time; the link scan ({@code audit.check_links}) emits one step per link it finds
 * ({@code link[<n>]}, each checking one link, all at the same time) and the final
 * {@code report}, which depends on the checks and on every link step. Start it with
 * {@code flow.start("site-audit", new AuditRequest(title, body), StartOptions.defaults())}.
 */
@DurableWorkflow(name = "site-audit")
public class SiteAuditWorkflow implements GraphWorkflow<SiteAuditWorkflow.AuditRequest> {

	/** The checks are pure: one retry covers a flake. */
	static final GraphStep TWICE = GraphStep.retry(StepOptions.builder().maxAttempts(2).build());

	@Override
	public void build(GraphBuilder graph, AuditRequest request) {
		CheckInput document = new CheckInput(request.title(), request.body());
		graph.step("typos", "docs.typo_check", document, TWICE);
		graph.step("style", "docs.style_guide", document, TWICE);
		graph.step("links", "audit.check_links", document, TWICE);
	}

	/** The document to audit. */
	public record AuditRequest(String title, String body) {
	}

}
