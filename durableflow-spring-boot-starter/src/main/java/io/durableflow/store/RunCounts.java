package io.durableflow.store;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.durableflow.RunStatus;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Runs by status over all runs: one grouped count, cached for a few seconds, shared by
 * the gauges, the actuator endpoint and the console so that none of them counts a large
 * table per request.
 */
public class RunCounts {

	public static final Duration CACHE = Duration.ofSeconds(5);

	private final JdbcTemplate jdbc;

	private volatile Map<String, Long> counts = Map.of();

	private volatile long countedAt;

	public RunCounts(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Every status (those with no runs at 0), in {@link RunStatus} order; at most
	 * {@link #CACHE} old.
	 */
	public Map<String, Long> byStatus() {
		long now = System.currentTimeMillis();
		if (now - this.countedAt > CACHE.toMillis()) {
			Map<String, Long> fresh = new LinkedHashMap<>();
			for (RunStatus status : RunStatus.values()) {
				fresh.put(status.dbValue(), 0L);
			}
			this.jdbc.queryForList("SELECT status, count(*) AS n FROM durableflow.workflow_runs GROUP BY status")
				.forEach((row) -> fresh.put((String) row.get("status"), ((Number) row.get("n")).longValue()));
			this.counts = Collections.unmodifiableMap(fresh);
			this.countedAt = now;
		}
		return this.counts;
	}

}
