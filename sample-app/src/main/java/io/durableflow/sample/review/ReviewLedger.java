package io.durableflow.sample.review;

import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The review decisions as a read model ({@code review_ledger}, the sample's own table),
 * written with JdbcTemplate. {@link DocumentReviewWorkflow} writes it inside its
 * {@code publish_verdict} transactional step, so a row commits with the document's
 * decision and the step's record, or not at all.
 */
@Component
public class ReviewLedger {

	private final JdbcTemplate jdbc;

	public ReviewLedger(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Records a decision; joins the caller's transaction. */
	public void record(long documentId, String runId, boolean published, String verdict, int findings,
			String approvedBy) {
		this.jdbc.update("INSERT INTO review_ledger (document_id, run_id, published, verdict, findings, approved_by) "
				+ "VALUES (?, ?, ?, ?, ?, ?)", documentId, runId, published, verdict, findings, approvedBy);
	}

	/** The decisions recorded for a document, oldest first. */
	public List<Map<String, Object>> entries(long documentId) {
		return this.jdbc.queryForList("SELECT run_id, published, verdict, findings, approved_by FROM review_ledger "
				+ "WHERE document_id = ? ORDER BY id", documentId);
	}

}
