package io.durableflow.testing;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.durableflow.DurableFlow;
import io.durableflow.RunStatus;
import io.durableflow.WorkflowError;
import io.durableflow.WorkflowRunView;
import io.durableflow.WorkflowTimeline;
import io.durableflow.json.WorkflowJson;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;

/** Fluent checks of one run; each failure says what the run looks like instead. */
public final class RunAssert {

	private final String runId;

	private final DurableFlow flow;

	private final JdbcTemplate jdbc;

	private final WorkflowJson json;

	RunAssert(String runId, DurableFlow flow, JdbcTemplate jdbc, WorkflowJson json) {
		this.runId = runId;
		this.flow = flow;
		this.jdbc = jdbc;
		this.json = json;
	}

	public RunAssert hasStatus(RunStatus status) {
		if (run().status() != status) {
			fail("to be " + status.dbValue());
		}
		return this;
	}

	public RunAssert isCompleted() {
		return hasStatus(RunStatus.COMPLETED);
	}

	public <T> RunAssert hasOutput(Class<T> type, T expected) {
		isCompleted();
		T actual = run().output(type);
		if (!Objects.equals(actual, expected)) {
			fail("to have output " + expected + " but it was " + actual);
		}
		return this;
	}

	public RunAssert isFailedWithCode(String code) {
		hasStatus(RunStatus.FAILED);
		String actual = run().error().map(WorkflowError::code).orElse(null);
		if (!Objects.equals(actual, code)) {
			fail("to have failed with code " + code + " but the code was " + actual);
		}
		return this;
	}

	public RunAssert isSleepingAt(String step) {
		hasStatus(RunStatus.SLEEPING);
		if (!"sleeping".equals(stepStatus(step))) {
			fail("to be sleeping at step '" + step + "'");
		}
		return this;
	}

	public RunAssert isWaitingForEvent(String eventName, Map<String, ?> match) {
		hasStatus(RunStatus.WAITING);
		boolean found = timeline().steps()
			.stream()
			.flatMap((step) -> step.waits().stream())
			.anyMatch((wait) -> "pending".equals(wait.status()) && wait.eventName().equals(eventName)
					&& Objects.equals(wait.match(), match));
		if (!found) {
			fail("to be waiting for event '" + eventName + "' matching " + match);
		}
		return this;
	}

	public <T> RunAssert hasStepResult(String step, Class<T> type, T expected) {
		WorkflowTimeline.StepEntry entry = step(step);
		if (!"completed".equals(entry.status())) {
			fail("to have completed step '" + step + "'");
		}
		T actual = this.json.read(entry.resultJson(), type);
		if (!Objects.equals(actual, expected)) {
			fail("to have step '" + step + "' result " + expected + " but it was " + actual);
		}
		return this;
	}

	public RunAssert hasStepAttempts(String step, int attempts) {
		int actual = step(step).attempts();
		if (actual != attempts) {
			fail("to have made " + attempts + " attempts of step '" + step + "' but it made " + actual);
		}
		return this;
	}

	public RunAssert hasLog(String message) {
		Integer count = this.jdbc.queryForObject(
				"SELECT count(*) FROM durableflow.workflow_logs WHERE run_id = ? AND message = ?", Integer.class,
				this.runId, message);
		if (count == null || count == 0) {
			fail("to have logged '" + message + "'");
		}
		return this;
	}

	/** The step completed (its body ran and its result is recorded). */
	public RunAssert hasStepSucceeded(String step) {
		String status = stepStatus(step);
		if (!"completed".equals(status)) {
			fail("to have step '" + step + "' succeeded, but it is " + ((status != null) ? status : "not recorded"));
		}
		return this;
	}

	/**
	 * The step logged {@code message} at {@code level} ({@code "info"}, {@code "warn"},
	 * ... as logged).
	 */
	public RunAssert hasStepLog(String step, String level, String message) {
		Integer count = this.jdbc.queryForObject(
				"SELECT count(*) FROM durableflow.workflow_logs "
						+ "WHERE run_id = ? AND step_name = ? AND level = ? AND message = ?",
				Integer.class, this.runId, step, level, message);
		if (count == null || count == 0) {
			fail("to have logged '" + message + "' at " + level + " in step '" + step + "'");
		}
		return this;
	}

	/**
	 * The run logged {@code message} at {@code level} with data that holds every entry of
	 * {@code data} (JSON values compared, as an event match compares them; other entries
	 * may be there too).
	 */
	public RunAssert hasLog(String level, String message, Map<String, ?> data) {
		Integer count = this.jdbc.queryForObject(
				"SELECT count(*) FROM durableflow.workflow_logs "
						+ "WHERE run_id = ? AND level = ? AND message = ? AND data @> ?::jsonb",
				Integer.class, this.runId, level, message, this.json.write(data));
		if (count == null || count == 0) {
			fail("to have logged '" + message + "' at " + level + " with " + this.json.write(data));
		}
		return this;
	}

	private WorkflowRunView run() {
		return this.flow.find(this.runId).orElseThrow(() -> new AssertionError("No run with id " + this.runId));
	}

	private WorkflowTimeline timeline() {
		return this.flow.timeline(this.runId);
	}

	private WorkflowTimeline.StepEntry step(String name) {
		return timeline().steps()
			.stream()
			.filter((step) -> step.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError(describe("to have a step '" + name + "'")));
	}

	private @Nullable String stepStatus(String name) {
		List<String> statuses = this.jdbc.queryForList(
				"SELECT status FROM durableflow.workflow_steps WHERE run_id = ? AND name = ?", String.class, this.runId,
				name);
		return statuses.isEmpty() ? null : statuses.get(0);
	}

	private void fail(String expectation) {
		throw new AssertionError(describe(expectation));
	}

	private String describe(String expectation) {
		WorkflowRunView run = run();
		StringBuilder text = new StringBuilder("Expected run ").append(this.runId)
			.append(" (")
			.append(run.workflowName())
			.append(") ")
			.append(expectation)
			.append("; it is ")
			.append(run.status().dbValue());
		run.error()
			.ifPresent(
					(error) -> text.append(" with error [").append(error.code()).append("] ").append(error.message()));
		text.append("; steps:");
		for (WorkflowTimeline.StepEntry step : timeline().steps()) {
			text.append(" ").append(step.name()).append("=").append(step.status());
		}
		return text.toString();
	}

}
