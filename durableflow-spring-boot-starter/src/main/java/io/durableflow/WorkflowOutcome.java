package io.durableflow;

import java.util.Optional;
import java.util.function.BiFunction;

import org.jspecify.annotations.Nullable;

/**
 * How another run ended, as seen by {@code waitForWorkflow}: completed with an output,
 * failed or cancelled with an error, or (after the wait's timeout) still unfinished.
 */
public final class WorkflowOutcome {

	private final String runId;

	private final RunStatus status;

	private final @Nullable String outputJson;

	private final @Nullable WorkflowError error;

	private final BiFunction<String, Class<?>, Object> decoder;

	public WorkflowOutcome(String runId, RunStatus status, @Nullable String outputJson, @Nullable WorkflowError error,
			BiFunction<String, Class<?>, Object> decoder) {
		this.runId = runId;
		this.status = status;
		this.outputJson = outputJson;
		this.error = error;
		this.decoder = decoder;
	}

	public String runId() {
		return this.runId;
	}

	public RunStatus status() {
		return this.status;
	}

	/**
	 * Whether the run had finished when the wait ended (rather than the wait timing out).
	 */
	public boolean isFinished() {
		return this.status.isTerminal();
	}

	/** The output decoded as {@code type}, or {@code null} when the run has none. */
	public <T> @Nullable T output(Class<T> type) {
		return (this.outputJson != null) ? type.cast(this.decoder.apply(this.outputJson, type)) : null;
	}

	public Optional<WorkflowError> error() {
		return Optional.ofNullable(this.error);
	}

	@Override
	public String toString() {
		return "WorkflowOutcome{runId=" + this.runId + ", status=" + this.status + ", error=" + this.error + "}";
	}

}
