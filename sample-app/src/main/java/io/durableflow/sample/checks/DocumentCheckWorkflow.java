package io.durableflow.sample.checks;

import java.util.List;
import java.util.Map;

import io.durableflow.DurableWorkflow;
import io.durableflow.StepError;
import io.durableflow.StepOptions;
import io.durableflow.Workflow;
import io.durableflow.WorkflowContext;

/**
 * Runs one document check. The app's own checks (user_git, live) and the tutorials
 * (platform_template, playground) both run this workflow with the same handlers.
 */
@DurableWorkflow(name = "document-check")
public class DocumentCheckWorkflow
		implements Workflow<DocumentCheckWorkflow.CheckRequest, DocumentCheckWorkflow.CheckReport> {

	private final DocumentChecks checks;

	public DocumentCheckWorkflow(DocumentChecks checks) {
		this.checks = checks;
	}

	@Override
	public CheckReport run(WorkflowContext flow, CheckRequest request) {
		if (!this.checks.exists(request.handler())) {
			throw StepError.permanent("unknown_check", "No document check '" + request.handler() + "'");
		}
		flow.log().info("Checking", Map.of("handler", request.handler(), "title", request.title()));
		Finding[] findings = flow.action(request.handler(), StepOptions.builder().maxAttempts(2).build(),
				this.checks.action(request.handler()), new CheckInput(request.title(), request.body()),
				Finding[].class);
		flow.log().info("Checked", Map.of("findings", findings.length));
		return new CheckReport(request.handler(), request.title(), List.of(findings));
	}

	/** What to check: a handler name and a document. */
	public record CheckRequest(String handler, String title, String body) {
	}

	/** What a check found. */
	public record CheckReport(String handler, String title, List<Finding> findings) {
	}

}
