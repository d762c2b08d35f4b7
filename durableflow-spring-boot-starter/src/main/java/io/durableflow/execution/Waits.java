package io.durableflow.execution;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import io.durableflow.RunStatus;
import io.durableflow.store.StepKind;
import io.durableflow.StepStatus;
import io.durableflow.WorkflowOutcome;
import io.durableflow.store.commit.EventStore;
import io.durableflow.store.commit.WaitWrites.WaitTimeout;
import io.durableflow.store.RunTransition;
import io.durableflow.store.StepRecord;
import io.durableflow.store.StepWrite;
import io.durableflow.store.WaitWrite;

/**
 * Waiting for time and for the world: {@code sleep}, {@code waitForEvent} and
 * {@code waitForWorkflow}. A wait is a step of kind {@code wait} plus a row in
 * {@code workflow_waits}, both written in the commit that parks the run; an event
 * completes the step in SQL ({@link EventStore}), a timeout completes it as "not matched"
 * unless an event got there first.
 */
final class Waits {

	private static final String NOT_MATCHED = "{\"matched\": false}";

	private final ExecutionContext context;

	Waits(ExecutionContext context) {
		this.context = context;
	}

	/**
	 * A durable timer until {@code until} (or {@code duration} from its first encounter):
	 * done at once if that time has passed, else the run parks until it.
	 */
	void sleep(int seq, String name, Instant until, Duration duration) {
		StepRecord previous = this.context.recorded(name);
		if (previous != null && previous.is(StepStatus.COMPLETED)) {
			return;
		}
		Instant now = this.context.now();
		Instant wake = (previous != null) ? previous.wakeAt() : (until != null) ? until : now.plus(duration);
		Instant startedAt = (previous != null) ? previous.startedAt() : now;
		if (!wake.isAfter(now)) {
			this.context.record(new StepWrite(name, seq, StepKind.SLEEP, StepStatus.COMPLETED, 0, null, null, wake,
					startedAt, now));
			return;
		}
		this.context.record(
				new StepWrite(name, seq, StepKind.SLEEP, StepStatus.SLEEPING, 0, null, null, wake, startedAt, null));
		throw this.context.parkUntil(RunStatus.SLEEPING, wake);
	}

	Optional<Map<String, Object>> waitForEvent(int seq, String name, String eventName, Map<String, ?> match,
			Duration timeout) {
		Map<?, ?> result = await(seq, name, eventName, match, timeout, () -> null);
		return matchedPayload(result);
	}

	WorkflowOutcome waitForWorkflow(int seq, String name, String runId, Duration timeout) {
		Map<?, ?> result = await(seq, name, EventStore.WORKFLOW_FINISHED, Map.of("run_id", runId), timeout,
				() -> finishedAlready(runId));
		Optional<Map<String, Object>> payload = matchedPayload(result);
		if (payload.isPresent()) {
			return FinishedEvents.outcome(this.context.json(), payload.get());
		}
		// timed out: say how the run stands now
		RunStatus status = this.context.support().store().statusOf(runId).map(RunStatus::fromDb).orElseThrow();
		return new WorkflowOutcome(runId, status, null, null, this.context.json()::read);
	}

	/**
	 * The wait's step result: recorded, resolved now (an event or a timeout), or, for a
	 * first encounter, {@code alreadyThere} (a result that makes waiting needless) or a
	 * park.
	 */
	private Map<?, ?> await(int seq, String name, String eventName, Map<String, ?> match, Duration timeout,
			java.util.function.Supplier<String> alreadyThere) {
		StepRecord previous = this.context.recorded(name);
		if (previous != null && previous.is(StepStatus.COMPLETED)) {
			return this.context.json().read(previous.resultJson(), Map.class);
		}
		Instant now = this.context.now();
		if (previous != null) {
			if (previous.wakeAt() != null && !previous.wakeAt().isAfter(now)) {
				return timeOut(name);
			}
			throw this.context.parkUntil(RunStatus.WAITING, previous.wakeAt());
		}
		Instant timeoutAt = (timeout != null) ? now.plus(timeout) : null;
		// the run's state is read and the wait written in one transaction, holding a lock
		// on the awaited run's row, so that it cannot finish between the read and the
		// wait without resuming it
		String result = this.context.support().inTransaction(() -> {
			String there = alreadyThere.get();
			if (there == null) {
				this.context.record(new StepWrite(name, seq, StepKind.WAIT, StepStatus.WAITING, 0, null, null,
						timeoutAt, now, null));
				this.context.pending()
					.waitFor(new WaitWrite(name, eventName, this.context.json().write(match), timeoutAt));
				this.context.parkUntil(RunStatus.WAITING, timeoutAt);
				this.context.writePark();
			}
			return there;
		});
		if (result == null) {
			throw ParkSignal.INSTANCE;
		}
		this.context
			.record(new StepWrite(name, seq, StepKind.WAIT, StepStatus.COMPLETED, 1, result, null, null, now, now));
		return this.context.json().read(result, Map.class);
	}

	private Map<?, ?> timeOut(String name) {
		this.context.flush();
		WaitTimeout outcome = this.context.support()
			.waits()
			.timeOutWait(this.context.claimedRun(), name, this.context.now(), this.context.support().leaseTtl());
		if (outcome == WaitTimeout.LEASE_LOST) {
			throw new LeaseLostException(this.context.runId());
		}
		if (outcome == WaitTimeout.TIMED_OUT) {
			return this.context.json().read(NOT_MATCHED, Map.class);
		}
		// an event consumed the wait first: its payload is on the step now
		StepRecord resolved = this.context.support().store().step(this.context.runId(), name).orElseThrow();
		return this.context.json().read(resolved.resultJson(), Map.class);
	}

	/**
	 * The outcome payload of a run that has finished, locking it so that it cannot finish
	 * unseen.
	 */
	private String finishedAlready(String runId) {
		Map<String, Object> state = this.context.support()
			.waits()
			.markAwaited(this.context.runId(), runId)
			.orElseThrow(() -> new IllegalArgumentException("waitForWorkflow: no run with id '" + runId + "'"));
		RunStatus status = RunStatus.fromDb((String) state.get("status"));
		if (!status.isTerminal()) {
			return null;
		}
		String payload = EventStore.finishedPayload(this.context.json(), runId, status, (String) state.get("output"),
				(String) state.get("error"));
		return "{\"matched\": true, \"payload\": " + payload + "}";
	}

	@SuppressWarnings("unchecked")
	private static Optional<Map<String, Object>> matchedPayload(Map<?, ?> result) {
		if (result != null && Boolean.TRUE.equals(result.get("matched"))) {
			return Optional.of((Map<String, Object>) result.get("payload"));
		}
		return Optional.empty();
	}

}
