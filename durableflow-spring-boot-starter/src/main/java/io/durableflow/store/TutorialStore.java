package io.durableflow.store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The tutorial rules' SQL: a per-user lock, and counts of unfinished platform-template
 * runs.
 */
public class TutorialStore {

	static final String ACTIVE_TUTORIALS = "hosting_mode = 'platform_template' AND status IN " + RunStore.ACTIVE;

	private final JdbcTemplate jdbc;

	public TutorialStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Takes a transaction-scoped advisory lock for the user (call inside a transaction):
	 * starts of one user's tutorials serialize here, so count-then-insert cannot race.
	 */
	public void lockUser(String userId) {
		this.jdbc.queryForList("SELECT pg_advisory_xact_lock(hashtext('durableflow.tutorials'), hashtext(?))", userId);
	}

	/** Unfinished tutorial runs of the user (through the partial unique index). */
	public int activeFor(String userId) {
		Integer count = this.jdbc.queryForObject(
				"SELECT count(*) FROM durableflow.workflow_runs WHERE user_id = ? AND " + ACTIVE_TUTORIALS,
				Integer.class, userId);
		return (count != null) ? count : 0;
	}

	/** Unfinished tutorial runs by slug. */
	public Map<String, Long> activeBySlug() {
		Map<String, Long> counts = new LinkedHashMap<>();
		List<Map<String, Object>> rows = this.jdbc.queryForList("SELECT tutorial_slug, count(*) AS n FROM "
				+ "durableflow.workflow_runs WHERE " + ACTIVE_TUTORIALS + " GROUP BY tutorial_slug");
		rows.forEach((row) -> counts.put((String) row.get("tutorial_slug"), ((Number) row.get("n")).longValue()));
		return counts;
	}

	/** The most unfinished tutorial runs any one user holds: never above the cap. */
	public long largestActivePerUser() {
		Long largest = this.jdbc.queryForObject("SELECT coalesce(max(n), 0) FROM (SELECT count(*) AS n FROM "
				+ "durableflow.workflow_runs WHERE " + ACTIVE_TUTORIALS + " GROUP BY user_id) per_user", Long.class);
		return (largest != null) ? largest : 0;
	}

}
