package io.durableflow.sample.documents;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The document changes a review makes, each in its own transaction. */
@Service
public class DocumentService {

	private final DocumentRepository documents;

	public DocumentService(DocumentRepository documents) {
		this.documents = documents;
	}

	/** Marks the document as in review and returns what the checks read. */
	@Transactional
	public DocumentText startReview(long id) {
		Document document = this.documents.findById(id)
			.orElseThrow(() -> new IllegalStateException("Document " + id + " vanished before its review"));
		document.startReview();
		return new DocumentText(document.getId(), document.getTitle(), document.getBody());
	}

	@Transactional
	public void decide(long id, boolean publish, String verdict, String approvedBy) {
		this.documents.findById(id).orElseThrow().decide(publish, verdict, approvedBy);
	}

	/** The text of a document, as a step result. */
	public record DocumentText(long id, String title, String body) {
	}

}
