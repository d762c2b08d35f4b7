package io.durableflow.sample.documents;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A document submitted for review: the application's own entity. */
@Entity
@Table(name = "documents")
public class Document {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(nullable = false)
	private String title;

	@Column(nullable = false)
	private String body;

	@Column(nullable = false)
	private String status = "submitted";

	private String verdict;

	@Column(name = "approved_by")
	private String approvedBy;

	protected Document() {
	}

	public Document(String title, String body) {
		this.title = title;
		this.body = body;
	}

	public Long getId() {
		return this.id;
	}

	public String getTitle() {
		return this.title;
	}

	public String getBody() {
		return this.body;
	}

	public String getStatus() {
		return this.status;
	}

	public String getVerdict() {
		return this.verdict;
	}

	public String getApprovedBy() {
		return this.approvedBy;
	}

	public void startReview() {
		this.status = "in_review";
	}

	public void decide(boolean publish, String verdict, String approvedBy) {
		this.status = publish ? "published" : "rejected";
		this.verdict = verdict;
		this.approvedBy = approvedBy;
	}

}
