package io.durableflow.execution;

import java.time.Duration;
import java.time.Instant;

import io.durableflow.Cursor;
import io.durableflow.CursorBody;
import io.durableflow.StepOptions;
import io.durableflow.StepStatus;
import io.durableflow.store.RunTransition;
import io.durableflow.store.StepKind;
import io.durableflow.store.StepRecord;
import io.durableflow.store.StepWrite;

/**
 * One cursor step ({@code flow.iterate}): its position is the step row's result. Every
 * advance records the row as running at the new position and writes it, fenced by the
 * lease, before it returns (invariants 1 and 3: work before the last advance never runs
 * again, and a worker that lost the run stops at its next advance). Once a third of the
 * lease's time to live has passed since this execution last extended it (or began), the
 * same statement extends the lease by its time to live, as a heartbeat would: after every
 * advance at least two thirds of it remain, whether or not the heartbeat ran, and a loop
 * of fast items updates its run row no more than three times per time to live. A failure
 * is retried as a step's is, from the last position; the end of the loop records the step
 * completed.
 */
final class CursorStep<C> implements Cursor<C> {

	private final ExecutionContext context;

	private final String name;

	private final StepOptions options;

	private final Class<C> type;

	private int seq;

	private int attempt;

	private Instant startedAt;

	private C position;

	/** When an advance last extended the lease; the step's start before the first. */
	private Instant extendedAt;

	CursorStep(ExecutionContext context, String name, StepOptions options, Class<C> type) {
		this.context = context;
		this.name = name;
		this.options = options;
		this.type = type;
	}

	void run(C start, CursorBody<C> body) {
		this.seq = this.context.enter(this.name);
		StepRecord previous = this.context.replayed(this.name);
		if (previous != null && previous.is(StepStatus.COMPLETED)) {
			return;
		}
		this.position = (previous != null && previous.resultJson() != null)
				? this.context.json().read(previous.resultJson(), this.type) : start;
		this.attempt = (previous != null) ? previous.attempts() + 1 : 1;
		this.context.flush();
		this.startedAt = (previous != null && previous.startedAt() != null) ? previous.startedAt() : this.context.now();
		this.extendedAt = this.context.now();
		this.context.attempt(this.name, this.seq, StepKind.CURSOR, this.options, this.attempt, this.startedAt,
				this::positionJson, () -> {
					body.run(this);
					return null;
				});
		this.context.record(new StepWrite(this.name, this.seq, StepKind.CURSOR, StepStatus.COMPLETED, this.attempt,
				positionJson(), null, null, this.startedAt, this.context.now()));
	}

	@Override
	public C position() {
		return this.position;
	}

	@Override
	public void advance(C next) {
		this.position = next;
		this.context.record(new StepWrite(this.name, this.seq, StepKind.CURSOR, StepStatus.RUNNING, this.attempt,
				positionJson(), null, null, this.startedAt, null));
		Instant now = this.context.now();
		Duration ttl = this.context.support().leaseTtl();
		if (Duration.between(this.extendedAt, now).compareTo(ttl.dividedBy(3)) >= 0) {
			this.context.write(new RunTransition.Extend(now.plus(ttl)));
			this.extendedAt = now;
		}
		else {
			this.context.write(new RunTransition.Touch());
		}
	}

	private String positionJson() {
		return this.context.json().write(this.position);
	}

}
