package io.durableflow.ui;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.StringUtils;

/**
 * The console's reads of the documented table {@code durableflow.workflow_runs}: a
 * filtered, keyset-paginated runs list (newest first, by id), a run's children and recent
 * outcomes by workflow. Counts over all runs come from
 * {@link io.durableflow.DurableFlow#counts()}, which caches them for the engine's gauges
 * as well.
 */
public class ConsoleQueries {

	static final int PAGE = 50;

	private static final String DEFAULT_QUEUE = "default";

	/** What a row of the list shows. */
	private static final String COLUMNS = "id, run_id, workflow_name, status, hosting_mode, lifecycle_stage, user_id, "
			+ "tutorial_slug, created_at, updated_at, finished_at, error->>'code' AS error_code, name, "
			+ "metadata::text AS metadata";

	private final JdbcTemplate jdbc;

	public ConsoleQueries(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * One page of runs matching {@code filter}, older than {@code before} (a run's id)
	 * when given.
	 */
	public List<RunRow> runs(RunFilter filter, Long before) {
		RunsQuery query = runsQuery(filter, before);
		return this.jdbc.query(query.sql(), (rs, i) -> row(rs), query.args());
	}

	/**
	 * The statement {@link #runs} runs, with its arguments (public for the benchmarks'
	 * plans).
	 */
	public static RunsQuery runsQuery(RunFilter filter, Long before) {
		StringBuilder where = new StringBuilder("true");
		List<Object> args = new ArrayList<>();
		condition(where, args, "status = ?", filter.status());
		condition(where, args, "workflow_name = ?", filter.workflow());
		condition(where, args, "hosting_mode = ?", filter.hostingMode());
		condition(where, args, "lifecycle_stage = ?", filter.lifecycleStage());
		condition(where, args, "user_id = ?", filter.userId());
		condition(where, args, "error->>'code' = ?", filter.errorCode());
		condition(where, args, "queue = ?", filter.queue());
		if (StringUtils.hasText(filter.queue()) && !DEFAULT_QUEUE.equals(filter.queue())) {
			// the predicate of the partial index by queue (migration V10), spelled out:
			// the planner cannot prove it from a bound parameter
			where.append(" AND queue <> '").append(DEFAULT_QUEUE).append("'");
		}
		if (StringUtils.hasText(filter.runId())) {
			// backslash is LIKE's default escape: an ESCAPE clause would hide the prefix
			// from the index
			where.append(" AND run_id LIKE ?");
			args.add(filter.runId().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
		}
		// the older matches' bound hidden from the primary key (id + 0): bounded by it,
		// the planner reads a range of the key as long as the table instead of the
		// GIN index's few entries
		String olderWhere = where + ((before != null) ? " AND id + 0 < ?" : "");
		if (before != null) {
			where.append(" AND id < ?");
			args.add(before);
		}
		Map<String, String> metadata = filter.metadataPairs();
		String select = "SELECT " + COLUMNS + " FROM durableflow.workflow_runs WHERE ";
		if (StringUtils.hasText(filter.runId())) {
			if (!metadata.isEmpty()) {
				where.append(" AND metadata @> ?::jsonb");
				args.add(RunMetadataFilter.json(metadata));
			}
			// find the prefix's runs through the pattern index first, then order them:
			// left to itself the planner walks the primary key backwards hoping to meet
			// 51 matches soon
			return new RunsQuery("WITH matching AS MATERIALIZED (" + select + where
					+ ") SELECT * FROM matching ORDER BY id DESC LIMIT " + (PAGE + 1), args.toArray());
		}
		if (!metadata.isEmpty()) {
			String json = RunMetadataFilter.json(metadata);
			// in the statement's order: the window's test, its filters, the older
			// matches' filters and test
			List<Object> twice = new ArrayList<>();
			twice.add(json);
			twice.addAll(args);
			twice.addAll(args);
			twice.add(json);
			return new RunsQuery(
					RunMetadataFilter.newestMatching(select, where.toString(), olderWhere, "?::jsonb", PAGE + 1),
					twice.toArray());
		}
		return new RunsQuery(select + where + " ORDER BY id DESC LIMIT " + (PAGE + 1), args.toArray());
	}

	/** Each workflow's recent outcome counts (last 1000 runs of it). */
	public Map<String, Map<String, Long>> outcomesByWorkflow(List<String> workflows) {
		Map<String, Map<String, Long>> outcomes = new LinkedHashMap<>();
		for (String workflow : workflows) {
			Map<String, Long> byStatus = new LinkedHashMap<>();
			this.jdbc
				.queryForList(
						"SELECT status, count(*) AS n FROM (SELECT status FROM durableflow.workflow_runs "
								+ "WHERE workflow_name = ? ORDER BY id DESC LIMIT 1000) recent GROUP BY status",
						workflow)
				.forEach((row) -> byStatus.put((String) row.get("status"), ((Number) row.get("n")).longValue()));
			outcomes.put(workflow, byStatus);
		}
		return outcomes;
	}

	/**
	 * Runs started, finished and failed in each of the {@code minutes} minutes before
	 * {@code now}. Started runs are found by id: the first run created in the window is
	 * found by bisection of the primary key (ids grow with creation time), so only the
	 * window's runs are read, however many older ones there are. Finished ones are found
	 * by {@code finished_at}, which only an index on that column serves.
	 */
	public ActivityChart activity(Instant now, int minutes) {
		Timestamp from = Timestamp.from(now.minus(Duration.ofMinutes(minutes)));
		int[] started = new int[minutes];
		int[] finished = new int[minutes];
		int[] failed = new int[minutes];
		Long firstId = this.jdbc.queryForObject(FIRST_RUN_CREATED_SINCE, Long.class, from, from);
		if (firstId != null) {
			this.jdbc.query("SELECT floor(extract(epoch FROM created_at - ?) / 60)::int AS minute, count(*) AS n "
					+ "FROM durableflow.workflow_runs WHERE id >= ? AND created_at >= ? GROUP BY 1", (rs) -> {
						add(started, rs.getInt("minute"), rs.getInt("n"));
					}, from, firstId, from);
		}
		this.jdbc.query("SELECT floor(extract(epoch FROM finished_at - ?) / 60)::int AS minute, count(*) AS n, "
				+ "count(*) FILTER (WHERE status = 'failed') AS failed FROM durableflow.workflow_runs "
				+ "WHERE finished_at >= ? GROUP BY 1", (rs) -> {
					add(finished, rs.getInt("minute"), rs.getInt("n"));
					add(failed, rs.getInt("minute"), rs.getInt("failed"));
				}, from, from);
		return new ActivityChart(started, finished, failed);
	}

	/**
	 * The id of the first run created at or after the window's start (both parameters),
	 * by bisection of the id range: the first row at or after the middle id tells in
	 * which half it lies. About 20 probes of the primary key for a million ids. Creation
	 * times follow ids to within the clock skew of the instances, so the window's first
	 * minute may miss a run or two created on a lagging clock.
	 */
	private static final String FIRST_RUN_CREATED_SINCE = """
			WITH RECURSIVE search (lo, hi) AS (
			    SELECT min(id), max(id) + 1 FROM durableflow.workflow_runs
			    UNION ALL
			    SELECT CASE WHEN probe.created_at IS NULL OR probe.created_at >= ? THEN lo ELSE (lo + hi) / 2 + 1 END,
			           CASE WHEN probe.created_at IS NULL OR probe.created_at >= ? THEN (lo + hi) / 2 ELSE hi END
			    FROM search LEFT JOIN LATERAL (SELECT created_at FROM durableflow.workflow_runs
			        WHERE id >= (search.lo + search.hi) / 2 ORDER BY id LIMIT 1) probe ON true
			    WHERE lo < hi)
			SELECT min(lo) FROM search WHERE lo >= hi""";

	private static void add(int[] counts, int minute, int n) {
		// a run stamped by a clock ahead of this one's falls outside the window
		if (minute >= 0 && minute < counts.length) {
			counts[minute] += n;
		}
	}

	public List<RunRow> children(String runId) {
		return this.jdbc.query(
				"SELECT " + COLUMNS + " FROM durableflow.workflow_runs WHERE parent_run_id = ? ORDER BY id",
				(rs, i) -> row(rs), runId);
	}

	private static void condition(StringBuilder sql, List<Object> args, String condition, String value) {
		if (StringUtils.hasText(value)) {
			sql.append(" AND ").append(condition);
			args.add(value);
		}
	}

	private static RunRow row(ResultSet rs) throws SQLException {
		return new RunRow(rs.getLong("id"), rs.getString("run_id"), rs.getString("workflow_name"),
				rs.getString("status"), rs.getString("hosting_mode"), rs.getString("lifecycle_stage"),
				rs.getString("user_id"), rs.getString("tutorial_slug"), instant(rs.getTimestamp("created_at")),
				instant(rs.getTimestamp("updated_at")), instant(rs.getTimestamp("finished_at")),
				rs.getString("error_code"), rs.getString("name"), RunMetadataFilter.read(rs.getString("metadata")));
	}

	private static Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	/** A statement of the runs list and its arguments. */
	public record RunsQuery(String sql, Object[] args) {
	}

	/**
	 * What the list filters on; blank means any. {@code metadata} as the filter field has
	 * it, {@code customer=acme, region=eu} ({@link RunMetadataFilter#parse}).
	 */
	public record RunFilter(String status, String workflow, String hostingMode, String lifecycleStage, String userId,
			String runId, String errorCode, String queue, String metadata) {

		/** The same without a metadata filter. */
		public RunFilter(String status, String workflow, String hostingMode, String lifecycleStage, String userId,
				String runId, String errorCode, String queue) {
			this(status, workflow, hostingMode, lifecycleStage, userId, runId, errorCode, queue, null);
		}

		/**
		 * The metadata filter's pairs.
		 * @throws IllegalArgumentException if the field cannot be read
		 */
		public Map<String, String> metadataPairs() {
			return RunMetadataFilter.parse(this.metadata);
		}

	}

	/** One row of the runs list. */
	public record RunRow(long id, String runId, String workflowName, String status, String hostingMode,
			String lifecycleStage, String userId, String tutorialSlug, Instant createdAt, Instant updatedAt,
			Instant finishedAt, String errorCode, String name, Map<String, String> metadata) {

		/** How long the run took, or has taken so far. */
		public String duration() {
			Instant end = (this.finishedAt != null) ? this.finishedAt : Instant.now();
			return ConsoleFormat.duration(Duration.between(this.createdAt, end));
		}

	}

}
