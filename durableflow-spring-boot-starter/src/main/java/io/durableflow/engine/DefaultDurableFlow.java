package io.durableflow.engine;

import io.durableflow.definition.WorkflowDefinition;
import io.durableflow.start.RunStarter;
import io.durableflow.store.commit.EngineSupport;
import io.durableflow.store.QueueStats;
import io.durableflow.store.RunCounts;
import io.durableflow.queue.QueueSettings;
import io.durableflow.QueueView;
import io.durableflow.store.TimelineReader;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.durableflow.BulkActionResult;
import io.durableflow.DurableFlow;
import io.durableflow.HostingMode;
import io.durableflow.LifecycleStage;
import io.durableflow.RunHandle;
import io.durableflow.RunQuery;
import io.durableflow.RunStatus;
import io.durableflow.RunStatusCounts;
import io.durableflow.StartOptions;
import io.durableflow.Workflow;
import io.durableflow.WorkflowDefinitionView;
import io.durableflow.WorkflowRunView;
import io.durableflow.WorkflowTimeline;
import io.durableflow.store.commit.OperatorStore;
import io.durableflow.store.entity.WorkflowRunEntity;
import io.durableflow.store.jpa.DurableFlowRepositories;
import io.durableflow.store.jpa.RunListQuery;

import org.springframework.beans.factory.ObjectProvider;

/** The {@link DurableFlow} bean. */
public class DefaultDurableFlow implements DurableFlow {

	private final RunStarter starter;

	private final EngineSupport support;

	private final OperatorActions operatorActions;

	private final TimelineReader timelines;

	private final ObjectProvider<DurableFlowRepositories> repositories;

	private final RunCounts counts;

	private final QueueStats queueStats;

	public DefaultDurableFlow(RunStarter starter, EngineSupport support, OperatorStore operators,
			TimelineReader timelines, ObjectProvider<DurableFlowRepositories> repositories, RunCounts counts,
			QueueStats queueStats) {
		this.queueStats = queueStats;
		this.starter = starter;
		this.support = support;
		this.operatorActions = new OperatorActions(support, operators);
		this.timelines = timelines;
		this.repositories = repositories;
		this.counts = counts;
	}

	@Override
	public <I> RunHandle start(Class<? extends Workflow<I, ?>> type, I input) {
		return start(type, input, StartOptions.defaults());
	}

	@Override
	public <I> RunHandle start(Class<? extends Workflow<I, ?>> type, I input, StartOptions options) {
		return this.starter.start(this.starter.registry().byType(type), input, options, null);
	}

	@Override
	public RunHandle start(String workflowName, Object input, StartOptions options) {
		return this.starter.start(this.starter.registry().byName(workflowName), input, options, null);
	}

	@Override
	public void cancel(String runId, String reason) {
		cancel(runId, reason, OperatorActions.DEFAULT_ACTOR);
	}

	@Override
	public void cancel(String runId, String reason, String actor) {
		this.operatorActions.cancel(runId, reason, actor);
	}

	@Override
	public BulkActionResult cancelRuns(Collection<String> runIds, String reason, String actor) {
		return this.operatorActions.cancelAll(runIds, reason, actor);
	}

	@Override
	public int notify(String eventName, Map<String, ?> payload) {
		if (eventName == null || eventName.isBlank()) {
			throw new IllegalArgumentException("An event needs a name");
		}
		String payloadJson = this.support.json().write((payload != null) ? payload : Map.of());
		int matched = this.support.events()
			.deliver(eventName, payloadJson, true, this.support.clock().instant())
			.matched();
		if (matched > 0) {
			this.support.wakeAfterCommit();
		}
		return matched;
	}

	@Override
	public void retryStep(String runId, String stepName) {
		retryStep(runId, stepName, OperatorActions.DEFAULT_ACTOR);
	}

	@Override
	public void retryStep(String runId, String stepName, String actor) {
		this.operatorActions.retryStep(runId, stepName, actor);
	}

	@Override
	public BulkActionResult retryFailedRuns(Collection<String> runIds, String actor) {
		return this.operatorActions.retryAll(runIds, actor);
	}

	@Override
	public Optional<WorkflowRunView> find(String runId) {
		return repositories().runs().findByRunId(runId).map(this::view);
	}

	@Override
	public List<WorkflowRunView> runs(RunQuery query) {
		String metadata = query.metadata().isEmpty() ? null : this.support.json().write(query.metadata());
		return repositories().runs(RunListQuery.of(query, metadata)).stream().map(this::view).toList();
	}

	private DurableFlowRepositories repositories() {
		DurableFlowRepositories repositories = this.repositories.getIfAvailable();
		if (repositories == null) {
			throw new IllegalStateException("DurableFlow's read side needs JPA: no EntityManagerFactory is configured");
		}
		return repositories;
	}

	@Override
	public WorkflowTimeline timeline(String runId) {
		return this.timelines.read(runId);
	}

	@Override
	public List<WorkflowDefinitionView> definitions() {
		return this.starter.registry()
			.all()
			.stream()
			.map(DefaultDurableFlow::definitionView)
			.sorted(Comparator.comparing(WorkflowDefinitionView::name))
			.toList();
	}

	/**
	 * A bean's version is its deployment, so it shows none; other sources' definitions
	 * show their own.
	 */
	private static WorkflowDefinitionView definitionView(WorkflowDefinition definition) {
		Integer version = WorkflowDefinitionView.BEAN.equals(definition.source()) ? null : definition.version();
		return new WorkflowDefinitionView(definition.name(), definition.source(), version,
				definition.inputType().toCanonical(), definition.outputType().toCanonical());
	}

	@Override
	public List<QueueView> queues() {
		Map<String, QueueStats.Stats> stats = this.queueStats.byQueue();
		List<QueueView> views = new ArrayList<>();
		for (QueueSettings queue : this.queueStats.queues().all()) {
			QueueStats.Stats now = stats.get(queue.name());
			views
				.add(new QueueView(queue.name(), queue.description(), queue.concurrency(), queue.workerConcurrency(),
						queue.concurrencyPerKey(),
						(queue.rateLimit() != null) ? new QueueView.RateLimit(queue.rateLimit(), queue.ratePeriod())
								: null,
						(now != null) ? now.running() : 0, (now != null) ? now.queued() : 0,
						now != null && now.moreQueued(), (now != null) ? now.oldestQueuedAt() : null));
		}
		return views;
	}

	@Override
	public RunStatusCounts counts() {
		// the cached counts the gauges and the actuator endpoint share, so asking here
		// counts nothing more
		Map<RunStatus, Long> byStatus = new EnumMap<>(RunStatus.class);
		this.counts.byStatus().forEach((status, count) -> byStatus.put(RunStatus.fromDb(status), count));
		return new RunStatusCounts(byStatus);
	}

	private WorkflowRunView view(WorkflowRunEntity run) {
		return new WorkflowRunView(run.getRunId(), run.getWorkflowName(), RunStatus.fromDb(run.getStatus()),
				HostingMode.fromDb(run.getHostingMode()), LifecycleStage.fromDb(run.getLifecycleStage()),
				run.getUserId(), run.getTutorialSlug(), run.getParentRunId(), run.getQueue(), run.getPriority(),
				run.getConcurrencyKey(), run.getDefinitionRevision(), run.getName(),
				this.support.json().readMetadata(run.getMetadata()), run.getInput(), run.getOutput(),
				this.support.json().readError(run.getError()), run.getCreatedAt(), run.getUpdatedAt(),
				run.getFinishedAt(), this.support.json()::read);
	}

}
