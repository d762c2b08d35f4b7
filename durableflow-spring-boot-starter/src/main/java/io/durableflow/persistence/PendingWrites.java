package io.durableflow.persistence;

import java.util.ArrayList;
import java.util.List;

/** What an execution has to record at its next commit. */
public final class PendingWrites {

	private final List<StepWrite> steps = new ArrayList<>();

	private final List<WaitWrite> waits = new ArrayList<>();

	private final List<LogWrite> logs = new ArrayList<>();

	public void step(StepWrite step) {
		this.steps.removeIf((pending) -> pending.name().equals(step.name()));
		this.steps.add(step);
	}

	public void waitFor(WaitWrite wait) {
		this.waits.add(wait);
	}

	public void log(LogWrite log) {
		this.logs.add(log);
	}

	public List<StepWrite> steps() {
		return this.steps;
	}

	public List<WaitWrite> waits() {
		return this.waits;
	}

	public List<LogWrite> logs() {
		return this.logs;
	}

	public boolean isEmpty() {
		return this.steps.isEmpty() && this.waits.isEmpty() && this.logs.isEmpty();
	}

	public void clear() {
		this.steps.clear();
		this.waits.clear();
		this.logs.clear();
	}

}
