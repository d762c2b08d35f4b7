package io.durableflow;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A run's whole story: its step entries (each with its logs, waits and matched events), the logs
 * written outside steps, and one flat chronological list of everything.
 */
public record WorkflowTimeline(String runId, List<StepEntry> steps, List<LogEntry> runLogs,
		List<TimelineItem> items) {

	/** One step (a step body, a sleep, a wait, a child start) as recorded. */
	public record StepEntry(String name, int seq, String kind, String status, int attempts, String resultJson,
			WorkflowError error, Instant wakeAt, Instant startedAt, Instant completedAt, List<LogEntry> logs,
			List<WaitEntry> waits, List<EventEntry> events) {
	}

	public record LogEntry(long id, String stepName, String level, String message, Map<String, Object> data,
			Instant createdAt) {
	}

	public record WaitEntry(long id, String stepName, String eventName, Map<String, Object> match, String status,
			Instant timeoutAt, Long eventId, Instant createdAt, Instant resolvedAt) {
	}

	public record EventEntry(long id, String eventName, Map<String, Object> payload, Instant createdAt) {
	}

	/**
	 * One entry of the flat list: {@code type} is {@code step}, {@code wait}, {@code event} or
	 * {@code log}; ordered by time, then by type, then by id.
	 */
	public record TimelineItem(String type, long id, Instant at, String stepName, String summary, String status) {
	}

}
