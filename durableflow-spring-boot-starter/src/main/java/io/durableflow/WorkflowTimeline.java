package io.durableflow;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

/**
 * A run's whole story: its step entries (each with its logs, waits and matched events),
 * the logs written outside steps, and one flat chronological list of everything.
 */
public record WorkflowTimeline(String runId, List<StepEntry> steps, List<LogEntry> runLogs, List<TimelineItem> items) {

	/**
	 * One step (a step body, a sleep, a wait, a child start) as recorded;
	 * {@code inputJson} is the input it ran with, where the engine knows one (an
	 * action's, a YAML task's rendered input, a child run's), {@code null} otherwise.
	 */
	public record StepEntry(String name, int seq, String kind, String status, int attempts, @Nullable String inputJson,
			@Nullable String resultJson, @Nullable WorkflowError error, @Nullable Instant wakeAt,
			@Nullable Instant startedAt, @Nullable Instant completedAt, List<LogEntry> logs, List<WaitEntry> waits,
			List<EventEntry> events) {

		/**
		 * This step with its input and result shown as {@code inputJson} and
		 * {@code resultJson} (masked, say), the rest as recorded.
		 */
		public StepEntry withShownJson(@Nullable String inputJson, @Nullable String resultJson) {
			return new StepEntry(this.name, this.seq, this.kind, this.status, this.attempts, inputJson, resultJson,
					this.error, this.wakeAt, this.startedAt, this.completedAt, this.logs, this.waits, this.events);
		}

	}

	/** This timeline with each step entry replaced by what {@code shown} makes of it. */
	public WorkflowTimeline withSteps(UnaryOperator<StepEntry> shown) {
		return new WorkflowTimeline(this.runId, this.steps.stream().map(shown).toList(), this.runLogs, this.items);
	}

	/** A log line; {@code stepName} is {@code null} for one written outside any step. */
	public record LogEntry(long id, @Nullable String stepName, String level, String message, Map<String, Object> data,
			Instant createdAt) {
	}

	public record WaitEntry(long id, String stepName, String eventName, Map<String, Object> match, String status,
			@Nullable Instant timeoutAt, @Nullable Long eventId, Instant createdAt, @Nullable Instant resolvedAt) {
	}

	public record EventEntry(long id, String eventName, Map<String, Object> payload, Instant createdAt) {
	}

	/**
	 * One entry of the flat list: {@code type} is {@code step}, {@code wait},
	 * {@code event} or {@code log}; ordered by time, then by type, then by id.
	 */
	public record TimelineItem(String type, long id, @Nullable Instant at, @Nullable String stepName,
			@Nullable String summary, @Nullable String status) {
	}

}
