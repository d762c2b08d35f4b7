package io.durableflow.store.commit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.durableflow.RunStatus;
import io.durableflow.json.WorkflowJson;
import io.durableflow.change.ChangeRecorder;
import io.durableflow.store.ChangeRows;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import static io.durableflow.store.RunStore.ts;

/**
 * Delivers events to waits, in SQL: candidate waits by (event name, pending) through a
 * partial index, containment as the index-friendly filter and per-key JSON equality as
 * the exact rule. Each wait is consumed by a conditional update, so two racing deliveries
 * cannot both take it; the waiting run becomes due at once, or, if it is executing, is
 * marked to be due again as soon as its execution parks (invariant 7).
 */
public class EventStore {

	/** The internal event every finished run sends, for {@code waitForWorkflow}. */
	public static final String WORKFLOW_FINISHED = "durableflow.workflow_finished";

	private static final String DELIVER = """
			WITH ids AS (SELECT nextval(pg_get_serial_sequence('durableflow.workflow_events', 'id')) AS id),
			matched AS (
			    UPDATE durableflow.workflow_waits w SET status = 'matched', event_id = (SELECT id FROM ids), resolved_at = :at
			    WHERE w.event_name = :eventName AND w.status = 'pending' AND :payload::jsonb @> w.match
			      AND NOT EXISTS (SELECT 1 FROM jsonb_each(w.match) m WHERE (:payload::jsonb -> m.key) IS DISTINCT FROM m.value)
			    RETURNING w.id, w.run_id, w.step_name, w.event_name, w.status, w.created_at, w.resolved_at),
			steps AS (
			    UPDATE durableflow.workflow_steps s
			    SET status = 'completed', completed_at = :at, updated_at = :at,
			        result = jsonb_build_object('matched', true, 'event_id', (SELECT id FROM ids), 'payload', :payload::jsonb)
			    FROM matched m WHERE s.run_id = m.run_id AND s.name = m.step_name
			    RETURNING s.id, s.run_id, s.name, s.kind, s.status, s.attempts, NULL AS error_code),
			runs AS (
			    UPDATE durableflow.workflow_runs r SET resume_requested = true, updated_at = :at,
			        status = CASE WHEN r.status = 'waiting' THEN 'pending' ELSE r.status END,
			        next_due_at = CASE WHEN r.status = 'waiting' THEN :at ELSE r.next_due_at END
			    FROM (SELECT DISTINCT run_id FROM matched) m
			    WHERE r.run_id = m.run_id AND r.status IN ('pending', 'running', 'sleeping', 'waiting')
			    RETURNING r.run_id, r.workflow_name, r.status, NULL AS error_code),
			ev AS (
			    INSERT INTO durableflow.workflow_events (id, event_name, payload, matched_count, created_at)
			    SELECT ids.id, :eventName, :payload::jsonb, (SELECT count(*) FROM matched), :at FROM ids
			    WHERE :storeUnmatched OR EXISTS (SELECT 1 FROM matched)
			    RETURNING id)
			SELECT (SELECT count(*) FROM matched)::int AS matched, (SELECT id FROM ev) AS event_id,
			    (SELECT json_agg(runs) FROM runs)::text AS runs, (SELECT json_agg(steps) FROM steps)::text AS steps,
			    (SELECT json_agg(matched) FROM matched)::text AS waits""";

	private final JdbcTemplate jdbc;

	private final NamedParameterJdbcTemplate named;

	private final ChangeRecorder changes;

	private final WorkflowJson json;

	public EventStore(JdbcTemplate jdbc, ChangeRecorder changes, WorkflowJson json) {
		this.jdbc = jdbc;
		this.named = new NamedParameterJdbcTemplate(jdbc);
		this.changes = changes;
		this.json = json;
	}

	/**
	 * Which of {@code runIds} have someone waiting for them to finish (a pending
	 * {@value #WORKFLOW_FINISHED} wait naming them); a probe of the small partial index
	 * of pending waits.
	 */
	public List<String> awaitedRuns(Collection<String> runIds) {
		return this.jdbc.execute((java.sql.Connection connection) -> {
			try (java.sql.PreparedStatement ps = connection.prepareStatement("""
					SELECT DISTINCT w.match->>'run_id' FROM durableflow.workflow_waits w
					WHERE w.event_name = ? AND w.status = 'pending' AND w.match->>'run_id' = ANY (?)""")) {
				ps.setString(1, WORKFLOW_FINISHED);
				ps.setArray(2, connection.createArrayOf("text", runIds.toArray()));
				List<String> awaited = new ArrayList<>();
				try (java.sql.ResultSet rs = ps.executeQuery()) {
					while (rs.next()) {
						awaited.add(rs.getString(1));
					}
				}
				return awaited;
			}
		});
	}

	/**
	 * Sends the event a finished run sends to its waiters (stored only if some wait
	 * matched it).
	 */
	public Delivery deliverFinished(String runId, RunStatus status, String outputJson, String errorJson, Instant now) {
		return deliver(WORKFLOW_FINISHED, finishedPayload(this.json, runId, status, outputJson, errorJson), false, now);
	}

	/** The payload of the event a finished run sends to its waiters. */
	public static String finishedPayload(WorkflowJson json, String runId, RunStatus status, String outputJson,
			String errorJson) {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("run_id", runId);
		payload.put("status", status.dbValue());
		payload.put("output", (outputJson != null) ? json.read(outputJson, Object.class) : null);
		payload.put("error", (errorJson != null) ? json.read(errorJson, Object.class) : null);
		return json.write(payload);
	}

	/**
	 * Stores the event (always when {@code storeUnmatched}, else only if it matched) and
	 * resumes every pending wait it matches.
	 */
	public Delivery deliver(String eventName, String payloadJson, boolean storeUnmatched, Instant now) {
		Map<String, Object> row = this.named.queryForMap(DELIVER, Map.of("at", ts(now), "eventName", eventName,
				"payload", payloadJson, "storeUnmatched", storeUnmatched));
		Number eventId = (Number) row.get("event_id");
		int matched = ((Number) row.get("matched")).intValue();
		if (this.changes.hasListeners() && (eventId != null || matched > 0)) {
			Map<String, String> names = new java.util.HashMap<>();
			ChangeRows rows = new ChangeRows(this.json, now);
			if (eventId != null) {
				rows.event(eventId.longValue(), eventName, matched);
			}
			rows.runs((String) row.get("runs"), false);
			rows.changes().forEach((change) -> names.put(change.runId(), change.workflowName()));
			rows.waits((String) row.get("waits"), false, names).steps((String) row.get("steps"), names);
			this.changes.record(rows.changes());
		}
		return new Delivery(matched, (eventId != null) ? eventId.longValue() : null);
	}

	/**
	 * What a delivery did: how many waits it resumed, and the stored event's id if it was
	 * stored.
	 */
	public record Delivery(int matched, Long eventId) {
	}

}
