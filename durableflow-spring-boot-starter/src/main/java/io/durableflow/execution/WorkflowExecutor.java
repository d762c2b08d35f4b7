package io.durableflow.execution;

import io.durableflow.RunStatus;
import io.durableflow.definition.WorkflowDefinition;
import io.durableflow.definition.ActionRegistry;
import io.durableflow.definition.WorkflowRegistry;
import io.durableflow.start.RunStarter;
import io.durableflow.store.commit.EngineSupport;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.durableflow.StepFailedException;
import io.durableflow.WorkflowError;
import io.durableflow.queue.ClaimedRun;
import io.durableflow.store.commit.GroupCommit;
import io.durableflow.queue.NextClaim;
import io.durableflow.store.PendingWrites;
import io.durableflow.store.RunTransition;
import io.durableflow.store.StepRecord;

import io.durableflow.artifact.engine.ArtifactWriter;
import org.jspecify.annotations.Nullable;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;

/**
 * Runs one claimed run from the top: replays what is recorded, runs what is new, and ends
 * the execution by completing, failing or parking the run, always fenced by the lease. A
 * run that finishes resumes its waiters right after its commit (see {@link GroupCommit}).
 */
public class WorkflowExecutor {

	/**
	 * How long a run of a workflow this instance does not know waits before it is offered
	 * again.
	 */
	static final Duration UNKNOWN_WORKFLOW_RETRY = Duration.ofMinutes(1);

	/**
	 * The longest pause before a run whose execution was not recorded is offered again.
	 */
	static final Duration MAX_UNRECORDED_PAUSE = Duration.ofMinutes(1);

	private static final Log logger = LogFactory.getLog(WorkflowExecutor.class);

	private final WorkflowRegistry registry;

	private final ActionRegistry actions;

	private final EngineSupport support;

	private final RunStarter starter;

	private final StepInvoker invoker;

	private final @Nullable ArtifactWriter artifacts;

	public WorkflowExecutor(WorkflowRegistry registry, EngineSupport support, RunStarter starter, StepInvoker invoker) {
		this(registry, support, starter, invoker, new ActionRegistry(null, starter.queues()));
	}

	public WorkflowExecutor(WorkflowRegistry registry, EngineSupport support, RunStarter starter, StepInvoker invoker,
			ActionRegistry actions) {
		this(registry, support, starter, invoker, actions, null);
	}

	public WorkflowExecutor(WorkflowRegistry registry, EngineSupport support, RunStarter starter, StepInvoker invoker,
			ActionRegistry actions, @Nullable ArtifactWriter artifacts) {
		this.artifacts = artifacts;
		this.actions = actions;
		this.invoker = invoker;
		this.registry = registry;
		this.support = support;
		this.starter = starter;
	}

	public void execute(ClaimedRun run, LeaseState lease) {
		execute(run, lease, null);
	}

	/**
	 * Executes {@code run}; if {@code next} is given, the commit that ends this execution
	 * may also claim the worker's next run into it.
	 */
	public void execute(ClaimedRun run, LeaseState lease, NextClaim next) {
		Optional<WorkflowDefinition> definition = this.registry.find(run.workflowName());
		if (definition.isEmpty()) {
			logger.warn("Run " + run.runId() + " is of workflow '" + run.workflowName() + "', which this instance "
					+ "does not register; offering it again in " + UNKNOWN_WORKFLOW_RETRY);
			this.support.commits()
				.write(run,
						new RunTransition.Park(RunStatus.PENDING,
								this.support.clock().instant().plus(UNKNOWN_WORKFLOW_RETRY)),
						new PendingWrites(), this.support.clock().instant());
			return;
		}
		// a run claimed for the first time cannot have steps: skip the read
		List<StepRecord> steps = (run.executions() > 1) ? this.support.store().steps(run.runId()) : List.of();
		ExecutionContext context = new ExecutionContext(run, definition.get(), steps, lease, next, this.support,
				this.starter, this.invoker, this.actions, this.artifacts);
		try {
			Object input = this.support.json().read(run.inputJson(), definition.get().inputType());
			Object output = definition.get().workflow().run(context, input);
			finish(context, output, null);
		}
		catch (ParkSignal signal) {
			recordEnd(context, () -> context.finishPark());
		}
		catch (LeaseLostException lost) {
			logger.info(lost.getMessage() + "; this worker stops recording it");
		}
		catch (WriteFailedException | DataAccessException | TransactionException unrecorded) {
			// the engine's own reads and writes (a step body's failures are the step's):
			// the database's trouble, not the run's
			abandon(run, unrecorded);
		}
		catch (Throwable failure) {
			finish(context, null, failure);
		}
	}

	/**
	 * Ends an execution the database would not record: the run is offered again after a
	 * pause that grows with its executions (up to a minute), and replays from what was
	 * recorded. The release is fenced like any write; if it fails too, the lease runs out
	 * instead.
	 */
	private void abandon(ClaimedRun run, Throwable failure) {
		Duration pause = Duration.ofSeconds(Math.min(MAX_UNRECORDED_PAUSE.toSeconds(), Math.max(1, run.executions())));
		Throwable cause = (failure instanceof WriteFailedException) ? failure.getCause() : failure;
		logger.warn("DurableFlow could not record run " + run.runId() + " (" + cause.getMessage() + "); it is "
				+ "offered again in " + pause.toSeconds() + " s and replays from what was recorded");
		try {
			this.support.commits()
				.write(run, new RunTransition.Park(RunStatus.PENDING, this.support.clock().instant().plus(pause)),
						new PendingWrites(), this.support.clock().instant());
		}
		catch (RuntimeException ex) {
			logger.warn("DurableFlow could not hand run " + run.runId() + " back either (" + ex.getMessage()
					+ "); it is offered again when its lease runs out");
		}
	}

	private void finish(ExecutionContext context, Object output, Throwable failure) {
		if (context.park() != null) {
			failure = new IllegalStateException("Workflow '" + context.workflowName() + "' caught and swallowed "
					+ "DurableFlow's park signal; never catch Throwable or Error around flow.step/flow.sleep");
		}
		else if (context.mismatch() != null) {
			failure = context.mismatch();
		}
		if (failure == null) {
			String outputJson = context.json().write(output);
			// the writer resumes the runs waiting for this one in the same transaction
			recordEnd(context, () -> context.write(new RunTransition.Complete(outputJson)));
			return;
		}
		WorkflowError error = Errors.of(failure, false);
		String step = (failure instanceof StepFailedException stepFailed) ? stepFailed.stepName() : null;
		String errorJson = context.json().writeError(error, step);
		logger.debug("Run " + context.runId() + " failed [" + error.code() + "]", failure);
		recordEnd(context, () -> context.write(new RunTransition.Fail(errorJson)));
	}

	private void recordEnd(ExecutionContext context, Runnable write) {
		try {
			write.run();
		}
		catch (LeaseLostException lost) {
			logger.info(lost.getMessage() + "; this worker stops recording it");
		}
		catch (WriteFailedException | DataAccessException | TransactionException unrecorded) {
			abandon(context.claimedRun(), unrecorded);
		}
	}

}
