package io.durableflow.sample.review;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.durableflow.DurableWorkflow;
import io.durableflow.StepOptions;
import io.durableflow.Workflow;
import io.durableflow.WorkflowContext;
import io.durableflow.sample.documents.DocumentService;
import io.durableflow.sample.documents.DocumentService.DocumentText;
import io.durableflow.sample.checks.Finding;
import io.durableflow.sample.checks.StyleGuide;
import io.durableflow.sample.checks.TypoCheck;

/**
 * Reviews a document: checks its style and spelling, lets it cool down (a durable timer:
 * no thread waits), waits for an approval event, and publishes the verdict, with its row
 * in {@link ReviewLedger}, in one transactional step. A clean document is published
 * without approval when the wait times out; one with findings is rejected then.
 */
@DurableWorkflow(name = "document-review")
public class DocumentReviewWorkflow implements Workflow<ReviewRequest, ReviewVerdict> {

	/** The event an approval sends: {@code {"document_id": id, "by": name}}. */
	public static final String APPROVED = "document.approved";

	private final DocumentService documents;

	private final StyleGuide styleGuide;

	private final TypoCheck typoCheck;

	private final ReviewProperties properties;

	private final ReviewLedger ledger;

	public DocumentReviewWorkflow(DocumentService documents, StyleGuide styleGuide, TypoCheck typoCheck,
			ReviewProperties properties, ReviewLedger ledger) {
		this.documents = documents;
		this.styleGuide = styleGuide;
		this.typoCheck = typoCheck;
		this.properties = properties;
		this.ledger = ledger;
	}

	@Override
	public ReviewVerdict run(WorkflowContext flow, ReviewRequest request) {
		long id = request.documentId();
		DocumentText document = flow.step("load_document", DocumentText.class, () -> this.documents.startReview(id));
		Finding[] style = flow.step("check_style", Finding[].class,
				() -> this.styleGuide.check(document.body()).toArray(Finding[]::new));
		Finding[] typos = flow.step("check_typos", Finding[].class,
				() -> this.typoCheck.check(document.body()).toArray(Finding[]::new));
		flow.log().info("Checks done", Map.of("style_findings", style.length, "typos", typos.length));

		flow.sleep("cool_down", this.properties.coolDown());
		Optional<Map<String, Object>> approval = flow.waitForEvent("approval", APPROVED, Map.of("document_id", id),
				this.properties.approvalTimeout());
		String approvedBy = approval.map((event) -> String.valueOf(event.get("by"))).orElse(null);
		boolean clean = style.length == 0 && typos.length == 0;
		boolean publish = approval.isPresent() || clean;
		String verdict = verdict(approvedBy, clean, List.of(style), List.of(typos));
		if (approval.isEmpty()) {
			flow.log().warn("No approval in time", Map.of("timeout", this.properties.approvalTimeout().toString()));
		}
		// the document's decision (JPA), its ledger row (JdbcTemplate) and the step's
		// record commit in one transaction: a retry or a crash never leaves one without
		// the others, nor two ledger rows
		int findings = style.length + typos.length;
		flow.transaction("publish_verdict", StepOptions.builder().maxAttempts(5).build(), Void.class, () -> {
			this.documents.decide(id, publish, verdict, approvedBy);
			this.ledger.record(id, flow.runId(), publish, verdict, findings, approvedBy);
			return null;
		});
		return new ReviewVerdict(id, publish, verdict, style.length, typos.length, approvedBy);
	}

	private static String verdict(String approvedBy, boolean clean, List<Finding> style, List<Finding> typos) {
		if (approvedBy != null) {
			return "approved by " + approvedBy
					+ (clean ? "" : " despite " + (style.size() + typos.size()) + " findings");
		}
		return clean ? "published: no findings, no approval needed"
				: "rejected: " + (style.size() + typos.size()) + " findings and no approval";
	}

}
