package io.durableflow.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.durableflow.RunNotFoundException;
import io.durableflow.WorkflowTimeline;
import io.durableflow.WorkflowTimeline.EventEntry;
import io.durableflow.WorkflowTimeline.LogEntry;
import io.durableflow.WorkflowTimeline.StepEntry;
import io.durableflow.WorkflowTimeline.TimelineItem;
import io.durableflow.WorkflowTimeline.WaitEntry;
import io.durableflow.json.WorkflowJson;

import org.springframework.jdbc.core.JdbcTemplate;

/** Reads a run's timeline: four indexed queries by run id, assembled in memory. */
public class TimelineReader {

	private static final List<String> TYPE_ORDER = List.of("step", "wait", "event", "log");

	private final JdbcTemplate jdbc;

	private final WorkflowJson json;

	public TimelineReader(JdbcTemplate jdbc, WorkflowJson json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	public WorkflowTimeline read(String runId) {
		Integer exists = this.jdbc.queryForObject("SELECT count(*) FROM durableflow.workflow_runs WHERE run_id = ?",
				Integer.class, runId);
		if (exists == null || exists == 0) {
			throw new RunNotFoundException(runId);
		}
		List<LogEntry> logs = this.jdbc.query("""
				SELECT id, step_name, level, message, data::text, created_at FROM durableflow.workflow_logs
				WHERE run_id = ? ORDER BY id""", (rs, i) -> new LogEntry(rs.getLong(1), rs.getString(2),
				rs.getString(3), rs.getString(4), map(rs.getString(5)), instant(rs, 6)), runId);
		List<WaitEntry> waits = this.jdbc.query("""
				SELECT id, step_name, event_name, match::text, status, timeout_at, event_id, created_at, resolved_at
				FROM durableflow.workflow_waits WHERE run_id = ? ORDER BY id""",
				(rs, i) -> new WaitEntry(rs.getLong(1), rs.getString(2), rs.getString(3), map(rs.getString(4)),
						rs.getString(5), instant(rs, 6), (Long) rs.getObject(7), instant(rs, 8), instant(rs, 9)),
				runId);
		List<EventEntry> events = this.jdbc.query("""
				SELECT e.id, e.event_name, e.payload::text, e.created_at FROM durableflow.workflow_events e
				JOIN durableflow.workflow_waits w ON w.event_id = e.id WHERE w.run_id = ? ORDER BY e.id""",
				(rs, i) -> new EventEntry(rs.getLong(1), rs.getString(2), map(rs.getString(3)), instant(rs, 4)), runId);
		List<StepEntry> steps = this.jdbc.query("""
				SELECT name, seq, kind, status, attempts, result::text, error::text, wake_at, started_at, completed_at,
				    input::text
				FROM durableflow.workflow_steps WHERE run_id = ? ORDER BY seq""", (rs, i) -> {
			String name = rs.getString(1);
			List<WaitEntry> stepWaits = waits.stream().filter((w) -> name.equals(w.stepName())).toList();
			List<EventEntry> stepEvents = events.stream()
				.filter((e) -> stepWaits.stream().anyMatch((w) -> Long.valueOf(e.id()).equals(w.eventId())))
				.toList();
			return new StepEntry(name, rs.getInt(2), rs.getString(3), rs.getString(4), rs.getInt(5), rs.getString(11),
					rs.getString(6), this.json.readError(rs.getString(7)), instant(rs, 8), instant(rs, 9),
					instant(rs, 10), logs.stream().filter((l) -> name.equals(l.stepName())).toList(), stepWaits,
					stepEvents);
		}, runId);
		List<LogEntry> runLogs = logs.stream().filter((l) -> l.stepName() == null).toList();
		return new WorkflowTimeline(runId, steps, runLogs, items(steps, waits, events, logs));
	}

	private static List<TimelineItem> items(List<StepEntry> steps, List<WaitEntry> waits, List<EventEntry> events,
			List<LogEntry> logs) {
		List<TimelineItem> items = new ArrayList<>();
		steps.forEach((s) -> items
			.add(new TimelineItem("step", s.seq(), (s.startedAt() != null) ? s.startedAt() : s.completedAt(), s.name(),
					s.kind() + " " + s.name(), s.status())));
		waits.forEach((w) -> items.add(new TimelineItem("wait", w.id(), w.createdAt(), w.stepName(),
				"waiting for " + w.eventName(), w.status())));
		events.forEach((e) -> items.add(new TimelineItem("event", e.id(), e.createdAt(), null, e.eventName(), null)));
		logs.forEach(
				(l) -> items.add(new TimelineItem("log", l.id(), l.createdAt(), l.stepName(), l.message(), l.level())));
		items.sort(Comparator.comparing(TimelineItem::at, Comparator.nullsLast(Comparator.naturalOrder()))
			.thenComparing((item) -> TYPE_ORDER.indexOf(item.type()))
			.thenComparing(TimelineItem::id));
		return List.copyOf(items);
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> map(String jsonText) {
		return (jsonText != null) ? this.json.read(jsonText, Map.class) : null;
	}

	private static Instant instant(ResultSet rs, int column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

}
