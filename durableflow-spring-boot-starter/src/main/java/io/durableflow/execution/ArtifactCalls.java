package io.durableflow.execution;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.durableflow.ArtifactRef;
import io.durableflow.artifact.engine.ArtifactWriter;
import org.jspecify.annotations.Nullable;

/**
 * {@code flow.artifact} and {@code ActionContext.artifact}. Outside any step the call is
 * a step of its own, named like the artifact, whose result is the reference: a replay
 * returns the recorded one. Inside a step's body (or an action's) it is keyed by that
 * step's name and the artifact's: the row of (run, step, name) is the memo, so a retried
 * step gets back what an earlier attempt stored. The bytes are durable before either
 * returns (docs/ENGINE.md, invariant 1 for the step entry; {@link ArtifactWriter} for the
 * row).
 */
final class ArtifactCalls {

	private final ExecutionContext context;

	private final RunLog log;

	private final @Nullable ArtifactWriter writer;

	/** (step, name) of the artifacts this execution asked for, to refuse a second ask. */
	private final Set<String> used = ConcurrentHashMap.newKeySet();

	ArtifactCalls(ExecutionContext context, RunLog log, @Nullable ArtifactWriter writer) {
		this.context = context;
		this.log = log;
		this.writer = writer;
	}

	ArtifactRef artifact(String name, String contentType, byte[] body) {
		ArtifactWriter.check(name, contentType, body);
		String step = this.log.currentStep();
		if (step != null) {
			return inStep(step, name, contentType, body, null);
		}
		return this.context.step(name, ArtifactRef.class, () -> inStep(name, name, contentType, body, null));
	}

	/**
	 * An artifact stored in a step's body, memoized by run, step and name; {@code owner}
	 * is the run it belongs to when not the one executing (a step graph's, for its step
	 * run as a child run).
	 */
	ArtifactRef inStep(String stepName, String name, String contentType, byte[] body, @Nullable String owner) {
		if (this.writer == null) {
			throw new IllegalStateException("This engine was built without an artifact store; "
					+ "artifacts need DurableFlow's auto-configuration (the ArtifactStore bean)");
		}
		String runId = (owner != null) ? owner : this.context.runId();
		if (!this.used.add(stepName + '\u0000' + name)) {
			throw new IllegalArgumentException("Artifact name '" + name + "' is used twice in step '" + stepName
					+ "' of run " + runId + "; artifact names must be unique within a step");
		}
		return this.writer.store(runId, stepName, name, contentType, body);
	}

}
