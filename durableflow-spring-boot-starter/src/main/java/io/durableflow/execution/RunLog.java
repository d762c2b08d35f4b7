package io.durableflow.execution;

import java.util.Map;

import io.durableflow.WorkflowLog;
import io.durableflow.store.LogWrite;

/**
 * {@code flow.log()}: lines are stored with the next commit, with the step being
 * executed. A line written outside any step gets a key from its place in the code path
 * (the position of the last step entered and its order after it), so a replay that writes
 * it again stores nothing new.
 */
final class RunLog implements WorkflowLog {

	private final ExecutionContext context;

	private volatile String currentStep;

	private int keyPosition = -1;

	private int keyCounter;

	RunLog(ExecutionContext context) {
		this.context = context;
	}

	void enterStep(String name) {
		this.currentStep = name;
	}

	void leaveStep() {
		this.currentStep = null;
	}

	boolean inStep() {
		return this.currentStep != null;
	}

	String currentStep() {
		return this.currentStep;
	}

	@Override
	public void debug(String message, Map<String, ?> data) {
		write("debug", message, data);
	}

	@Override
	public void info(String message, Map<String, ?> data) {
		write("info", message, data);
	}

	@Override
	public void warn(String message, Map<String, ?> data) {
		write("warn", message, data);
	}

	@Override
	public void error(String message, Map<String, ?> data) {
		write("error", message, data);
	}

	private void write(String level, String message, Map<String, ?> data) {
		if (message == null) {
			throw new IllegalArgumentException("A log message must not be null");
		}
		String step = this.currentStep;
		String key = null;
		if (step == null) {
			int position = this.context.position();
			if (position != this.keyPosition) {
				this.keyPosition = position;
				this.keyCounter = 0;
			}
			key = "p" + position + "." + this.keyCounter++;
		}
		String dataJson = (data != null && !data.isEmpty()) ? this.context.json().write(data) : null;
		LogWrite line = new LogWrite(step, level, message, dataJson, key, this.context.now());
		synchronized (this.context.pending()) {
			this.context.pending().log(line);
		}
	}

}
