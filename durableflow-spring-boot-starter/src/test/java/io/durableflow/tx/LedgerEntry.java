package io.durableflow.tx;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of the test host's {@code ledger} table, written through JPA. */
@Entity
@Table(name = "ledger")
public class LedgerEntry {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "run_id", nullable = false)
	private String runId;

	@Column(nullable = false)
	private String step;

	private String note;

	protected LedgerEntry() {
	}

	public LedgerEntry(String runId, String step, String note) {
		this.runId = runId;
		this.step = step;
		this.note = note;
	}

	public Long getId() {
		return this.id;
	}

	public String getNote() {
		return this.note;
	}

}
