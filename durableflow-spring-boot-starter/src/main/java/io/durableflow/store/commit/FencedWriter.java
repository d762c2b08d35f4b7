package io.durableflow.store.commit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.durableflow.change.ChangeRecorder;
import io.durableflow.json.WorkflowJson;
import io.durableflow.queue.ClaimedRun;
import io.durableflow.store.ChangeRows;
import io.durableflow.store.LogWrite;
import io.durableflow.store.NamedSql;
import io.durableflow.store.PendingWrites;
import io.durableflow.store.RunTransition;
import io.durableflow.store.StepWrite;
import io.durableflow.store.WaitWrite;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A claimed run's write on its caller's thread: one statement, one commit (or the
 * caller's transaction), conditional on the run's lease token (docs/ENGINE.md, invariant
 * 3). Steps, waits and logs ride along as arrays, so any number of them costs one round
 * trip; when the lease is gone the statement writes nothing. The run row moves as
 * {@link RunRows#TRANSITION} says, the same description the shared commit uses.
 */
public class FencedWriter {

	/**
	 * A step in the middle of a run changes nothing on the run row: a share lock fences
	 * it.
	 */
	private static final String TOUCH = """
			fence AS (
			    SELECT r.run_id, r.workflow_name, r.status, NULL AS error_code, r.created_at
			    FROM durableflow.workflow_runs r
			    WHERE r.run_id = :runId AND r.lease_token = :token AND r.status = 'running' FOR SHARE)""";

	private static final String MOVE = """
			l AS (
			    SELECT :op::text AS op, :parkStatus::text AS park_status, :dueAt::timestamptz AS due_at,
			        :output::text AS output, :error::text AS error, :at::timestamptz AS at),
			fence AS (
			    UPDATE durableflow.workflow_runs r SET %s
			    FROM l WHERE r.run_id = :runId AND r.lease_token = :token AND r.status = 'running'
			    RETURNING %s)""".formatted(RunRows.TRANSITION, RunRows.CHANGED);

	/** The common case, one step: plain parameters, no arrays to build and unnest. */
	private static final String ONE_STEP = "s AS (" + RunRows.upsertSteps("""
			fence CROSS JOIN LATERAL (SELECT fence.run_id, :name::text AS name, :seq::int AS seq, :kind::text AS kind,
			    :status::text AS status, :attempts::int AS attempts, :result::text AS result, :stepError::text AS error,
			    :wakeAt::text AS wake_at, :startedAt::text AS started_at, :completedAt::text AS completed_at,
			    :at::text AS at, :input::text AS input) st""") + ")";

	/** Any number of steps, as arrays. */
	private static final String STEPS = "s AS (" + RunRows.upsertSteps(
			"""
					fence CROSS JOIN LATERAL (SELECT fence.run_id, t.*, :at::text AS at FROM unnest(:names::text[], :seqs::int[],
					    :kinds::text[], :statuses::text[], :attempts::int[], :results::text[], :errors::text[], :wakeAts::text[],
					    :startedAts::text[], :completedAts::text[], :inputs::text[])
					    AS t(name, seq, kind, status, attempts, result, error, wake_at, started_at, completed_at, input)) st""")
			+ ")";

	private static final String WAITS = """
			w AS (INSERT INTO durableflow.workflow_waits (run_id, step_name, event_name, match, status, timeout_at, created_at)
			    SELECT fence.run_id, t.step_name, t.event_name, t.match::jsonb, 'pending', t.timeout_at::timestamptz,
			        :at::timestamptz
			    FROM fence, unnest(:waitSteps::text[], :waitEvents::text[], :waitMatches::text[], :waitTimeouts::text[])
			        AS t(step_name, event_name, match, timeout_at)
			    ON CONFLICT (run_id, step_name) DO NOTHING
			    RETURNING id, run_id, step_name, event_name, status)""";

	private static final String LOGS = """
			lg AS (INSERT INTO durableflow.workflow_logs (run_id, step_name, level, message, data, log_key, created_at)
			    SELECT fence.run_id, t.step_name, t.level, t.message, t.data::jsonb, t.log_key, t.created_at::timestamptz
			    FROM fence, unnest(:logSteps::text[], :logLevels::text[], :logMessages::text[], :logData::text[],
			        :logKeys::text[], :logTimes::text[]) AS t(step_name, level, message, data, log_key, created_at)
			    ON CONFLICT (run_id, log_key) DO NOTHING
			    RETURNING id, run_id, step_name, level, left(message, 200) AS message)""";

	private final JdbcTemplate jdbc;

	private final ChangeRecorder changes;

	private final WorkflowJson json;

	private final Map<String, NamedSql> statements = new ConcurrentHashMap<>();

	public FencedWriter(JdbcTemplate jdbc, ChangeRecorder changes, WorkflowJson json) {
		this.jdbc = jdbc;
		this.changes = changes;
		this.json = json;
	}

	/**
	 * Moves the run as {@code transition} says and records {@code writes}, only while
	 * {@code run}'s lease is still held.
	 * @return {@code false} when the lease was lost (taken over, cancelled): nothing was
	 * written
	 */
	public boolean write(ClaimedRun run, RunTransition transition, PendingWrites writes, Instant now) {
		boolean touch = transition.op() == RunTransition.Op.TOUCH;
		boolean oneStep = writes.steps().size() == 1;
		boolean waits = !writes.waits().isEmpty();
		boolean logs = !writes.logs().isEmpty();
		NamedSql statement = this.statements.computeIfAbsent((touch ? "touch" : "move") + (oneStep ? "+step" : "+steps")
				+ (waits ? "+waits" : "") + (logs ? "+logs" : ""),
				(key) -> NamedSql.of(statement(touch, oneStep, waits, logs)));
		return Boolean.TRUE.equals(this.jdbc.execute((Connection connection) -> {
			try (PreparedStatement ps = connection.prepareStatement(statement.sql())) {
				NamedSql.Binding bind = statement.bind(connection, ps)
					.text("runId", run.runId())
					.value("token", run.leaseToken())
					.text("at", now.toString());
				if (!touch) {
					bind.text("op", transition.op().sql())
						.text("parkStatus",
								(transition.parkStatus() != null) ? transition.parkStatus().dbValue() : null)
						.time("dueAt", transition.dueAt())
						.text("output", transition.outputJson())
						.text("error", transition.errorJson());
				}
				if (oneStep) {
					bindStep(bind, writes.steps().get(0));
				}
				else {
					bindSteps(bind, writes);
				}
				if (waits) {
					bindWaits(bind, writes);
				}
				if (logs) {
					bindLogs(bind, writes);
				}
				try (ResultSet rs = bind.done().executeQuery()) {
					if (!rs.next() || rs.getInt("fenced") != 1) {
						return false;
					}
					if (this.changes.hasListeners()) {
						Map<String, String> names = Map.of(run.runId(), run.workflowName());
						// the steps are known here: no need to have the database report
						// them back
						ChangeRows rows = new ChangeRows(this.json, now).stepWrites(run, writes)
							.waits(rs.getString("waits"), true, names)
							.logs(rs.getString("logs"), names);
						// an extension changes nothing a listener sees of the run
						if (!touch && transition.op() != RunTransition.Op.EXTEND) {
							rows.runs(rs.getString("runs"), false);
						}
						this.changes.record(rows.changes());
					}
					return true;
				}
			}
		}));
	}

	/**
	 * The statement for a write; the wait and log parts only when there are waits or logs
	 * to write.
	 */
	private static String statement(boolean touch, boolean oneStep, boolean waits, boolean logs) {
		return "WITH " + (touch ? TOUCH : MOVE) + ", " + (oneStep ? ONE_STEP : STEPS) + (waits ? ", " + WAITS : "")
				+ (logs ? ", " + LOGS : "")
				+ " SELECT (SELECT count(*) FROM fence)::int AS fenced, (SELECT json_agg(fence) FROM fence)::text AS runs, "
				+ "(SELECT count(*) FROM s)::int AS steps, "
				+ (waits ? "(SELECT json_agg(w) FROM w)::text AS waits, " : "NULL::text AS waits, ")
				+ (logs ? "(SELECT json_agg(lg) FROM lg)::text AS logs" : "NULL::text AS logs");
	}

	private static void bindStep(NamedSql.Binding bind, StepWrite step) throws java.sql.SQLException {
		bind.text("name", step.name())
			.value("seq", step.seq())
			.text("kind", step.kind().dbValue())
			.text("status", step.status().dbValue())
			.value("attempts", step.attempts())
			.text("result", step.resultJson())
			.text("stepError", step.errorJson())
			.text("wakeAt", iso(step.wakeAt()))
			.text("startedAt", iso(step.startedAt()))
			.text("completedAt", iso(step.completedAt()))
			.text("input", step.inputJson());
	}

	private static void bindSteps(NamedSql.Binding bind, PendingWrites writes) throws java.sql.SQLException {
		java.util.List<StepWrite> steps = writes.steps();
		bind.texts("names", steps, StepWrite::name)
			.array("seqs", "int4", steps.stream().map(StepWrite::seq).toArray())
			.texts("kinds", steps, (step) -> step.kind().dbValue())
			.texts("statuses", steps, (step) -> step.status().dbValue())
			.array("attempts", "int4", steps.stream().map(StepWrite::attempts).toArray())
			.texts("results", steps, StepWrite::resultJson)
			.texts("errors", steps, StepWrite::errorJson)
			.times("wakeAts", steps, StepWrite::wakeAt)
			.times("startedAts", steps, StepWrite::startedAt)
			.times("completedAts", steps, StepWrite::completedAt)
			.texts("inputs", steps, StepWrite::inputJson);
	}

	private static void bindWaits(NamedSql.Binding bind, PendingWrites writes) throws java.sql.SQLException {
		java.util.List<WaitWrite> waits = writes.waits();
		bind.texts("waitSteps", waits, WaitWrite::stepName)
			.texts("waitEvents", waits, WaitWrite::eventName)
			.texts("waitMatches", waits, WaitWrite::matchJson)
			.times("waitTimeouts", waits, WaitWrite::timeoutAt);
	}

	private static void bindLogs(NamedSql.Binding bind, PendingWrites writes) throws java.sql.SQLException {
		java.util.List<LogWrite> logs = writes.logs();
		bind.texts("logSteps", logs, LogWrite::stepName)
			.texts("logLevels", logs, LogWrite::level)
			.texts("logMessages", logs, LogWrite::message)
			.texts("logData", logs, LogWrite::dataJson)
			.texts("logKeys", logs, LogWrite::logKey)
			.times("logTimes", logs, LogWrite::createdAt);
	}

	private static String iso(Instant instant) {
		return (instant != null) ? instant.toString() : null;
	}

}
