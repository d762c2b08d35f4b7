package io.durableflow.start;

import io.durableflow.definition.StartCheck;
import io.durableflow.definition.WorkflowDefinition;
import io.durableflow.definition.WorkflowRegistry;
import io.durableflow.store.commit.EngineSupport;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import io.durableflow.DeduplicatedRunException;
import io.durableflow.RunHandle;
import io.durableflow.StartOptions;
import io.durableflow.WorkflowDefinitionView;
import io.durableflow.queue.Queues;
import io.durableflow.store.NewRun;
import io.durableflow.store.UniqueIndexes;

/** Inserts new runs: top-level ones for the API, children for {@code startChild}. */
public class RunStarter {

	private final WorkflowRegistry registry;

	/**
	 * The index that holds one unfinished run per workflow and dedup key (migration V6).
	 */
	static final String DEDUP_INDEX = "workflow_runs_one_unfinished_per_dedup_key";

	private final EngineSupport support;

	private final DataSource dataSource;

	private final Queues queues;

	public RunStarter(WorkflowRegistry registry, EngineSupport support, DataSource dataSource) {
		this(registry, support, dataSource, Queues.defaultOnly());
	}

	public RunStarter(WorkflowRegistry registry, EngineSupport support, DataSource dataSource, Queues queues) {
		this.registry = registry;
		this.support = support;
		this.dataSource = dataSource;
		this.queues = queues;
	}

	/** The declared queues. */
	public Queues queues() {
		return this.queues;
	}

	public WorkflowRegistry registry() {
		return this.registry;
	}

	/**
	 * Starts a run, or returns the existing run with the requested id. Joins the caller's
	 * transaction; schedulers hear of it once that commits.
	 */
	public RunHandle start(WorkflowDefinition definition, Object input, StartOptions options, String parentRunId) {
		this.queues.require(options.queue());
		if (definition.startCheck() != StartCheck.NONE) {
			// the check and the insert in one transaction (the caller's, or one of their
			// own): what the check locks, such as a stored definition's row, holds until
			// the run exists
			return this.support.inTransaction(
					() -> startChecked(definition, definition.startCheck().prepare(input), options, parentRunId));
		}
		return startChecked(definition, input, options, parentRunId);
	}

	private RunHandle startChecked(WorkflowDefinition definition, Object input, StartOptions options,
			String parentRunId) {
		String inputJson = this.support.json().write(input);
		try {
			// read back, so that a start that does not fit fails here, not in a worker
			this.support.json().read(inputJson, definition.inputType());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("Input for workflow '" + definition.name() + "' does not fit its input "
					+ "type " + definition.inputType() + ": " + ex.getMessage(), ex);
		}
		String runId = (options.runId() != null) ? options.runId() : UUID.randomUUID().toString();
		Instant now = this.support.clock().instant();
		NewRun run = new NewRun(runId, definition.name(), options.hostingMode().dbValue(),
				options.lifecycleStage().dbValue(), options.userId(), options.tutorialSlug(), options.queue(),
				inputJson, parentRunId, now.plus(options.delay()), options.dedupKey(), options.priority(),
				options.concurrencyKey(),
				WorkflowDefinitionView.BEAN.equals(definition.source()) ? null : definition.version(), options.name(),
				options.metadata().isEmpty() ? null : this.support.json().write(options.metadata()));
		if (run.dedupKey() != null) {
			// its own transaction (or the caller's): the refusal is a savepoint's, the
			// caller goes on
			return this.support.inTransaction(() -> startDeduplicated(definition, run, now));
		}
		return insert(definition, run, now);
	}

	/**
	 * Inserts a run with a dedup key, or throws {@link DeduplicatedRunException} naming
	 * the unfinished run that holds the key. The unique index decides; the holder is read
	 * after its refusal, and if it finished in between, the insert is tried again.
	 */
	private RunHandle startDeduplicated(WorkflowDefinition definition, NewRun run, Instant now) {
		for (int attempt = 1;; attempt++) {
			Optional<RunHandle> started = UniqueIndexes.unlessRefused(this.dataSource, DEDUP_INDEX,
					() -> insert(definition, run, now));
			if (started.isPresent()) {
				return started.get();
			}
			Optional<String> holder = this.support.store().unfinishedRunWithDedupKey(definition.name(), run.dedupKey());
			if (holder.isPresent()) {
				throw new DeduplicatedRunException(definition.name(), run.dedupKey(), holder.get());
			}
			if (attempt == 3) {
				throw new IllegalStateException("Dedup key '" + run.dedupKey() + "' of workflow '" + definition.name()
						+ "' is taken and freed again too fast to start a run with it");
			}
		}
	}

	private RunHandle insert(WorkflowDefinition definition, NewRun run, Instant now) {
		String runId = run.runId();
		if (!this.support.commits().insert(run, now)) {
			String existing = this.support.store().workflowNameOf(runId).orElse(definition.name());
			if (!existing.equals(definition.name())) {
				throw new IllegalStateException("Run id '" + runId + "' already belongs to a run of workflow '"
						+ existing + "', not '" + definition.name() + "'");
			}
			return new RunHandle(runId);
		}
		this.support.wakeAfterCommit();
		return new RunHandle(runId);
	}

}
