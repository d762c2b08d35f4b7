package io.durableflow.sample.documents;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import io.durableflow.DurableFlow;
import io.durableflow.RunNotFoundException;
import io.durableflow.DeduplicatedRunException;
import io.durableflow.StartOptions;
import io.durableflow.WorkflowRunView;
import io.durableflow.sample.checks.DocumentCheckWorkflow;
import io.durableflow.sample.checks.DocumentCheckWorkflow.CheckRequest;
import io.durableflow.sample.audit.SiteAuditWorkflow;
import io.durableflow.sample.review.DocumentReviewWorkflow;
import io.durableflow.sample.review.ReviewRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Submit a document, follow its review, approve it. */
@RestController
@RequestMapping("/documents")
public class DocumentController {

	/** The queue the document checks run in. */
	public static final String CHECKS = "checks";

	private final DocumentRepository documents;

	private final DurableFlow flow;

	public DocumentController(DocumentRepository documents, DurableFlow flow) {
		this.documents = documents;
		this.flow = flow;
	}

	/**
	 * Saves the document and starts its review in one transaction: both happen, or
	 * neither.
	 */
	@PostMapping
	@Transactional
	public ResponseEntity<Map<String, Object>> submit(@RequestBody Submission submission) {
		if (submission.title() == null || submission.title().isBlank() || submission.body() == null) {
			throw new IllegalArgumentException("A document needs a non-blank \"title\" and a \"body\"");
		}
		Document document = this.documents.save(new Document(submission.title(), submission.body()));
		String runId = this.flow
			.start(DocumentReviewWorkflow.class, new ReviewRequest(document.getId()),
					StartOptions.builder().runId("review-" + document.getId()).build())
			.runId();
		return ResponseEntity.created(URI.create("/documents/" + document.getId()))
			.body(Map.of("documentId", document.getId(), "runId", runId));
	}

	@GetMapping("/{id}")
	public Map<String, Object> show(@PathVariable long id) {
		Document document = this.documents.findById(id).orElseThrow(() -> new DocumentNotFoundException(id));
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("id", document.getId());
		view.put("title", document.getTitle());
		view.put("status", document.getStatus());
		view.put("verdict", document.getVerdict());
		view.put("approvedBy", document.getApprovedBy());
		this.flow.find("review-" + id)
			.map(WorkflowRunView::status)
			.ifPresent((s) -> view.put("reviewStatus", s.dbValue()));
		view.put("reviewRunId", "review-" + id);
		return view;
	}

	/** Sends the approval event the review waits for. */
	@PostMapping("/{id}/approve")
	public Map<String, Object> approve(@PathVariable long id, @RequestBody(required = false) Approval approval) {
		this.documents.findById(id).orElseThrow(() -> new DocumentNotFoundException(id));
		String by = (approval != null && approval.by() != null) ? approval.by() : "anonymous";
		return Map.of("matched",
				this.flow.notify(DocumentReviewWorkflow.APPROVED, Map.of("document_id", id, "by", by)));
	}

	/**
	 * Runs one of the document checks on the document, as the user's own (live) workflow
	 * run, in the queue {@value #CHECKS} (application.yml: two at once, one at a time per
	 * document).
	 */
	@PostMapping("/{id}/checks/{handler}")
	public ResponseEntity<Map<String, Object>> check(@PathVariable long id, @PathVariable String handler) {
		Document document = this.documents.findById(id).orElseThrow(() -> new DocumentNotFoundException(id));
		// one check of each kind at a time per document: a second request while one runs
		// is refused; checks of different kinds wait for their document's turn
		String runId = this.flow
			.start("document-check", new CheckRequest(handler, document.getTitle(), document.getBody()),
					StartOptions.builder()
						.queue(CHECKS)
						.concurrencyKey("document-" + id)
						.dedupKey("document-" + id + "/" + handler)
						.build())
			.runId();
		return ResponseEntity.created(URI.create("/durableflow/api/runs/" + runId)).body(Map.of("runId", runId));
	}

	/**
	 * Audits the document as a step graph ({@code site-audit}: one step per link, the
	 * report stored as an artifact), the run named after the document and tagged with its
	 * id, so {@code /durableflow?metadata=document=<id>} lists its audits.
	 */
	@PostMapping("/{id}/audit")
	public ResponseEntity<Map<String, Object>> audit(@PathVariable long id) {
		Document document = this.documents.findById(id).orElseThrow(() -> new DocumentNotFoundException(id));
		String runId = this.flow
			.start("site-audit", new SiteAuditWorkflow.AuditRequest(document.getTitle(), document.getBody()),
					StartOptions.builder()
						.name("Audit of " + document.getTitle())
						.metadata(Map.of("document", String.valueOf(id), "kind", "audit"))
						.build())
			.runId();
		return ResponseEntity.created(URI.create("/durableflow/api/runs/" + runId)).body(Map.of("runId", runId));
	}

	/** 409, naming the check that is still running. */
	@ExceptionHandler(DeduplicatedRunException.class)
	ProblemDetail alreadyChecking(DeduplicatedRunException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
		problem.setTitle("This check is already running");
		problem.setProperty("existingRunId", ex.existingRunId());
		return problem;
	}

	@ExceptionHandler(DocumentNotFoundException.class)
	ProblemDetail notFound(DocumentNotFoundException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
	}

	@ExceptionHandler({ IllegalArgumentException.class, RunNotFoundException.class })
	ProblemDetail badRequest(RuntimeException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

	public record Submission(String title, String body) {
	}

	public record Approval(String by) {
	}

	static class DocumentNotFoundException extends RuntimeException {

		DocumentNotFoundException(long id) {
			super("No document with id " + id);
		}

	}

}
