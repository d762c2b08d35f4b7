package io.durableflow.actuate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.durableflow.store.RunCounts;
import io.durableflow.dispatch.DurableFlowScheduler;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the health indicator and the {@code durableflow} endpoint report: counts, the most
 * overdue run, workers.
 */
public class EngineState {

	private final JdbcTemplate jdbc;

	private final DurableFlowScheduler scheduler;

	private final Clock clock;

	private final RunCounts counts;

	public EngineState(JdbcTemplate jdbc, RunCounts counts, DurableFlowScheduler scheduler, Clock clock) {
		this.jdbc = jdbc;
		this.counts = counts;
		this.scheduler = scheduler;
		this.clock = clock;
	}

	public Map<String, Long> countsByStatus() {
		return this.counts.byStatus();
	}

	/**
	 * The run that has been due longest without being claimed, if any run is overdue now.
	 */
	public Map<String, Object> oldestDue() {
		List<Map<String, Object>> rows = this.jdbc.queryForList("""
				SELECT run_id, workflow_name, status, next_due_at FROM durableflow.workflow_runs
				WHERE status IN ('pending', 'running', 'sleeping', 'waiting') AND next_due_at <= ?
				ORDER BY next_due_at LIMIT 1""",
				OffsetDateTime.ofInstant(this.clock.instant(), java.time.ZoneOffset.UTC));
		if (rows.isEmpty()) {
			return null;
		}
		Map<String, Object> row = rows.get(0);
		Instant due = ((java.sql.Timestamp) row.get("next_due_at")).toInstant();
		Map<String, Object> oldest = new LinkedHashMap<>();
		oldest.put("runId", row.get("run_id"));
		oldest.put("workflow", row.get("workflow_name"));
		oldest.put("status", row.get("status"));
		oldest.put("dueAt", due.toString());
		oldest.put("overdueSeconds", Duration.between(due, this.clock.instant()).toSeconds());
		return oldest;
	}

	public Map<String, Object> workers() {
		Map<String, Object> workers = new LinkedHashMap<>();
		if (this.scheduler == null) {
			workers.put("enabled", false);
			return workers;
		}
		workers.put("enabled", true);
		workers.put("running", this.scheduler.isRunning());
		workers.put("owner", this.scheduler.owner());
		workers.put("concurrency", this.scheduler.concurrency());
		workers.put("active", this.scheduler.activeExecutions());
		return workers;
	}

	boolean schedulerExpectedButStopped() {
		return this.scheduler != null && !this.scheduler.isRunning();
	}

}
