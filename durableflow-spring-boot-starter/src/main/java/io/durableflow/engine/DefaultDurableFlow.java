package io.durableflow.engine;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.durableflow.DurableFlow;
import io.durableflow.HostingMode;
import io.durableflow.InvalidRunStateException;
import io.durableflow.LifecycleStage;
import io.durableflow.RunHandle;
import io.durableflow.RunNotFoundException;
import io.durableflow.RunStatus;
import io.durableflow.StartOptions;
import io.durableflow.Workflow;
import io.durableflow.WorkflowError;
import io.durableflow.WorkflowRunView;
import io.durableflow.json.WorkflowJson;
import io.durableflow.persistence.NewRun;
import io.durableflow.persistence.RunStore;
import io.durableflow.persistence.entity.WorkflowRunEntity;
import io.durableflow.persistence.jpa.DurableFlowRepositories;
import io.durableflow.scheduler.WakeChannel;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** The {@link DurableFlow} bean. */
public class DefaultDurableFlow implements DurableFlow {

	private final WorkflowRegistry registry;

	private final RunStore store;

	private final WorkflowJson json;

	private final Clock clock;

	private final WakeChannel wake;

	private final ObjectProvider<DurableFlowRepositories> repositories;

	public DefaultDurableFlow(WorkflowRegistry registry, RunStore store, WorkflowJson json, Clock clock,
			WakeChannel wake, ObjectProvider<DurableFlowRepositories> repositories) {
		this.registry = registry;
		this.store = store;
		this.json = json;
		this.clock = clock;
		this.wake = wake;
		this.repositories = repositories;
	}

	@Override
	public <I> RunHandle start(Class<? extends Workflow<I, ?>> type, I input) {
		return start(this.registry.byType(type), input, StartOptions.defaults());
	}

	@Override
	public <I> RunHandle start(Class<? extends Workflow<I, ?>> type, I input, StartOptions options) {
		return start(this.registry.byType(type), input, options);
	}

	@Override
	public RunHandle start(String workflowName, Object input, StartOptions options) {
		return start(this.registry.byName(workflowName), input, options);
	}

	private RunHandle start(WorkflowDefinition definition, Object input, StartOptions options) {
		String inputJson = this.json.write(input);
		try {
			this.json.read(inputJson, definition.inputType());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("Input for workflow '" + definition.name() + "' does not fit its input "
					+ "type " + definition.inputType() + ": " + ex.getMessage(), ex);
		}
		String runId = (options.runId() != null) ? options.runId() : UUID.randomUUID().toString();
		Instant now = this.clock.instant();
		NewRun run = new NewRun(runId, definition.name(), options.hostingMode().dbValue(),
				options.lifecycleStage().dbValue(), options.userId(), options.tutorialSlug(), options.queue(), inputJson,
				null, now.plus(options.delay()));
		if (!this.store.insert(run, now)) {
			String existing = this.store.workflowNameOf(runId).orElse(definition.name());
			if (!existing.equals(definition.name())) {
				throw new IllegalStateException("Run id '" + runId + "' already belongs to a run of workflow '"
						+ existing + "', not '" + definition.name() + "'");
			}
			return new RunHandle(runId);
		}
		afterCommit(this.wake::publish);
		return new RunHandle(runId);
	}

	@Override
	public void cancel(String runId, String reason) {
		String why = (reason != null && !reason.isBlank()) ? reason : "cancelled";
		WorkflowError error = new WorkflowError("cancelled", why, false, null);
		if (!this.store.cancel(runId, why, Errors.toJson(this.json, error, null), this.clock.instant())) {
			RunStatus status = this.store.statusOf(runId)
				.map(RunStatus::fromDb)
				.orElseThrow(() -> new RunNotFoundException(runId));
			throw new InvalidRunStateException(runId, status, "Run " + runId + " is already " + status.dbValue()
					+ "; only an unfinished run can be cancelled");
		}
	}

	@Override
	public Optional<WorkflowRunView> find(String runId) {
		DurableFlowRepositories repositories = this.repositories.getIfAvailable();
		if (repositories == null) {
			throw new IllegalStateException("DurableFlow's read side needs JPA: no EntityManagerFactory is configured");
		}
		return repositories.runs().findByRunId(runId).map(this::view);
	}

	private WorkflowRunView view(WorkflowRunEntity run) {
		return new WorkflowRunView(run.getRunId(), run.getWorkflowName(), RunStatus.fromDb(run.getStatus()),
				HostingMode.fromDb(run.getHostingMode()), LifecycleStage.fromDb(run.getLifecycleStage()),
				run.getUserId(), run.getTutorialSlug(), run.getParentRunId(), run.getQueue(), run.getOutput(),
				Errors.fromJson(this.json, run.getError()), run.getCreatedAt(), run.getUpdatedAt(),
				run.getFinishedAt(), this.json::read);
	}

	private static void afterCommit(Runnable action) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					action.run();
				}
			});
		}
		else {
			action.run();
		}
	}

}
