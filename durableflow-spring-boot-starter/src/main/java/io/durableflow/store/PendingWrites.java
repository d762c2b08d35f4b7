package io.durableflow.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What an execution has to record at its next commit. */
public final class PendingWrites {

	private final List<StepWrite> steps = new ArrayList<>();

	private final List<WaitWrite> waits = new ArrayList<>();

	private final List<LogWrite> logs = new ArrayList<>();

	private final Set<String> newSteps = new HashSet<>();

	/**
	 * Queues a step row; {@code isNew} says the run has no row of that name yet (an
	 * insert, not an update).
	 */
	public void step(StepWrite step, boolean isNew) {
		this.steps.removeIf((pending) -> pending.name().equals(step.name()));
		this.steps.add(step);
		if (isNew) {
			this.newSteps.add(step.name());
		}
	}

	public boolean isNew(String stepName) {
		return this.newSteps.contains(stepName);
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

	/**
	 * Drops what is queued for the steps named {@code stepNames} (their rows and their
	 * waits): writes of a transaction that rolled back, which must not be written later.
	 */
	public void forget(Collection<String> stepNames) {
		this.steps.removeIf((step) -> stepNames.contains(step.name()));
		this.newSteps.removeAll(stepNames);
		this.waits.removeIf((wait) -> stepNames.contains(wait.stepName()));
	}

	public void clear() {
		this.steps.clear();
		this.newSteps.clear();
		this.waits.clear();
		this.logs.clear();
	}

}
