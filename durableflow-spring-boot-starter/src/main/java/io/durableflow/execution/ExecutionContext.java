package io.durableflow.execution;

import io.durableflow.ArtifactRef;
import io.durableflow.artifact.engine.ArtifactWriter;
import io.durableflow.definition.WorkflowDefinition;
import io.durableflow.store.StepKind;
import io.durableflow.RunStatus;
import io.durableflow.StepStatus;
import io.durableflow.start.RunStarter;
import io.durableflow.store.commit.EngineSupport;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import io.durableflow.StepFailedException;
import io.durableflow.CursorBody;
import io.durableflow.StepOptions;
import io.durableflow.definition.ActionRegistry;
import io.durableflow.Workflow;
import io.durableflow.WorkflowContext;
import io.durableflow.WorkflowError;
import io.durableflow.WorkflowLog;
import io.durableflow.WorkflowOutcome;
import io.durableflow.json.WorkflowJson;
import io.durableflow.queue.ClaimedRun;
import io.durableflow.queue.NextClaim;
import io.durableflow.store.PendingWrites;
import io.durableflow.store.RunTransition;
import io.durableflow.store.StepRecord;
import io.durableflow.store.StepWrite;
import org.jspecify.annotations.Nullable;

/**
 * One execution of a claimed run: replays recorded steps, runs new ones, and collects
 * what has to be written. A finished step's row is written in the same commit as the next
 * durable thing (the next step starting, a park, the run's end), so each step costs one
 * commit and the last one shares its commit with the run's completion. Waits live in
 * {@link Waits}.
 */
final class ExecutionContext implements EngineContext, WorkflowContext {

	private final ClaimedRun run;

	private final WorkflowDefinition definition;

	private final Map<String, StepRecord> recorded = new HashMap<>();

	private final Map<Integer, String> recordedNames = new HashMap<>();

	private final Set<String> seen = new HashSet<>();

	private final RunRecorder recorder;

	private final LeaseState lease;

	private final EngineSupport support;

	private final RunStarter starter;

	private final Waits waits;

	private final RunLog log;

	private final StepInvoker invoker;

	private final ActionRegistry actions;

	private final ActionCalls actionCalls;

	private final ChildStarts children;

	private final ArtifactCalls artifacts;

	private final GraphCalls graphCalls;

	private int position;

	private RunTransition.Park park;

	private boolean parkWritten;

	private ReplayMismatchException mismatch;

	/** The input of the step whose body runs, if it said ({@link #stepInput(String)}). */
	private @Nullable String stepInput;

	ExecutionContext(ClaimedRun run, WorkflowDefinition definition, Iterable<StepRecord> steps, LeaseState lease,
			NextClaim next, EngineSupport support, RunStarter starter, StepInvoker invoker, ActionRegistry actions,
			@Nullable ArtifactWriter artifacts) {
		this.run = run;
		this.actions = actions;
		this.invoker = invoker;
		this.definition = definition;
		this.lease = lease;
		this.support = support;
		this.starter = starter;
		for (StepRecord step : steps) {
			this.recorded.put(step.name(), step);
			this.recordedNames.put(step.seq(), step.name());
		}
		this.recorder = new RunRecorder(run, steps, lease, next, support);
		this.waits = new Waits(this);
		this.children = new ChildStarts(this, starter);
		this.log = new RunLog(this);
		this.artifacts = new ArtifactCalls(this, this.log, artifacts);
		this.actionCalls = new ActionCalls(this, this.artifacts);
		this.graphCalls = new GraphCalls(this, actions, this.actionCalls);
	}

	@Override
	public String runId() {
		return this.run.runId();
	}

	@Override
	public String workflowName() {
		return this.definition.name();
	}

	@Override
	public WorkflowLog log() {
		return this.log;
	}

	@Override
	public <T> T step(String name, StepOptions options, Class<T> type, Callable<T> body) {
		int seq = enter(name);
		StepRecord previous = replayed(name);
		if (previous != null && previous.is(StepStatus.COMPLETED)) {
			return json().read(previous.resultJson(), type);
		}
		int attempt = (previous != null) ? previous.attempts() + 1 : 1;
		flush();
		Instant startedAt = (previous != null && previous.startedAt() != null) ? previous.startedAt() : now();
		try {
			T result = attempt(name, seq, StepKind.STEP, options, attempt, startedAt, () -> null, body);
			record(new StepWrite(name, seq, StepKind.STEP, StepStatus.COMPLETED, attempt, json().write(result), null,
					null, startedAt, now(), this.stepInput));
			return result;
		}
		finally {
			this.stepInput = null;
		}
	}

	/** Called in a step's body: the input it runs with, recorded on the step's rows. */
	void stepInput(String inputJson) {
		this.stepInput = inputJson;
	}

	@Override
	public <T> T transaction(String name, StepOptions options, Class<T> type, Callable<T> body) {
		return new TransactionalStep<>(this, name, options, type).run(body);
	}

	@Override
	public <T> T action(String stepName, StepOptions options, String actionName, Object input, Class<T> type) {
		return this.actionCalls.call(stepName, options, this.actions.require(actionName), input, type);
	}

	/**
	 * The step's record from earlier executions, or {@code null}; a step that failed for
	 * good throws its {@link StepFailedException} again, so the replay goes no further.
	 */
	StepRecord replayed(String name) {
		StepRecord previous = this.recorded.get(name);
		if (previous != null && previous.is(StepStatus.FAILED)) {
			throw new StepFailedException(name, json().readError(previous.errorJson()));
		}
		return previous;
	}

	/**
	 * Runs one attempt of a step's body, inside the step (no flow call may nest in it). A
	 * failure is recorded, with {@code keptResult} on the row, and either retried after a
	 * backoff (the run parks) or final (throws); the park and lease signals pass through.
	 */
	<T> T attempt(String name, int seq, StepKind kind, StepOptions options, int attempt, Instant startedAt,
			Supplier<String> keptResult, Callable<T> body) {
		this.log.enterStep(name);
		try {
			return this.invoker.invoke(body, options.timeout());
		}
		catch (ParkSignal | LeaseLostException | WriteFailedException signal) {
			throw signal;
		}
		catch (Throwable failure) {
			return failed(name, seq, kind, options, attempt, startedAt, keptResult.get(), failure);
		}
		finally {
			this.log.leaveStep();
		}
	}

	/**
	 * Records a failed attempt: retrying after a backoff (parks the run) or failed for
	 * good (throws). {@code resultJson} is kept on the row (a cursor step's position).
	 */
	<T> T failed(String name, int seq, StepKind kind, StepOptions options, int attempts, Instant startedAt,
			String resultJson, Throwable failure) {
		boolean retryable = !(failure instanceof NestedStepException) && options.isRetryable(failure);
		boolean retry = retryable && attempts < options.maxAttempts();
		WorkflowError error = Errors.of(failure, retryable);
		String errorJson = json().writeError(error, name);
		if (retry) {
			Instant wake = now().plus(Errors.jitter(options.backoffAfter(attempts)));
			record(new StepWrite(name, seq, kind, StepStatus.RETRYING, attempts, resultJson, errorJson, wake, startedAt,
					null, this.stepInput));
			throw parkUntil(RunStatus.SLEEPING, wake);
		}
		record(new StepWrite(name, seq, kind, StepStatus.FAILED, attempts, resultJson, errorJson, null, startedAt,
				now(), this.stepInput));
		throw new StepFailedException(name, error);
	}

	@Override
	public <C> void iterate(String name, StepOptions options, C start, Class<C> cursorType, CursorBody<C> body) {
		new CursorStep<>(this, name, options, cursorType).run(start, body);
	}

	@Override
	public void sleep(String name, Duration duration) {
		sleep(name, null, duration);
	}

	@Override
	public void sleepUntil(String name, Instant instant) {
		sleep(name, instant, null);
	}

	private void sleep(String name, Instant until, Duration duration) {
		this.waits.sleep(enter(name), name, until, duration);
	}

	@Override
	public ArtifactRef artifact(String name, String contentType, byte[] body) {
		return this.artifacts.artifact(name, contentType, body);
	}

	@Override
	public Optional<Map<String, Object>> waitForEvent(String name, String eventName, Map<String, ?> match,
			Duration timeout) {
		return this.waits.waitForEvent(enter(name), name, eventName, match, timeout);
	}

	@Override
	public WorkflowOutcome waitForWorkflow(String name, String runId, Duration timeout) {
		return this.waits.waitForWorkflow(enter(name), name, runId, timeout);
	}

	@Override
	public <I> String startChild(String name, Class<? extends Workflow<I, ?>> type, I input) {
		return this.children.start(name, () -> this.starter.registry().byType(type), input, null);
	}

	@Override
	public ClaimedRun claimedRun() {
		return this.run;
	}

	@Override
	public GraphCalls graphCalls() {
		return this.graphCalls;
	}

	@Override
	public String startChild(String name, String workflowName, Object input, @Nullable String queue) {
		return this.children.start(name, () -> this.starter.registry().byName(workflowName), input, queue);
	}

	/** Checks the replay position and returns the step's sequence number. */
	int enter(String name) {
		if (this.park != null) {
			throw new IllegalStateException("Workflow '" + workflowName() + "' (run " + runId() + ") caught and "
					+ "swallowed DurableFlow's park signal and went on; never catch Throwable or Error around "
					+ "flow.step/flow.sleep");
		}
		if (this.lease.isLost()) {
			throw new LeaseLostException(runId());
		}
		if (this.log.inStep()) {
			throw new NestedStepException("flow.step/transaction/sleep/wait called inside the body of step '"
					+ this.log.currentStep() + "'; steps cannot be nested");
		}
		if (!this.seen.add(name)) {
			throw mismatch("duplicate_step_name", "Step name '" + name + "' is used twice in run " + runId()
					+ "; step names must be unique within a run (e.g. \"notify-\" + id)");
		}
		int seq = this.position++;
		StepRecord previous = this.recorded.get(name);
		String recordedName = this.recordedNames.get(seq);
		if ((previous != null && previous.seq() != seq) || (previous == null && recordedName != null)) {
			throw mismatch("nondeterministic_replay",
					"Run " + runId() + " replayed step '" + name + "' at position " + seq + ", but the run recorded '"
							+ recordedName + "' there: the workflow's code changed under a running run, or it "
							+ "chooses steps non-deterministically");
		}
		return seq;
	}

	private ReplayMismatchException mismatch(String code, String message) {
		this.mismatch = new ReplayMismatchException(code, message);
		return this.mismatch;
	}

	void record(StepWrite step) {
		this.recorder.record(step);
	}

	PendingWrites pending() {
		return this.recorder.pending();
	}

	ParkSignal parkUntil(RunStatus status, Instant dueAt) {
		this.park = new RunTransition.Park(status, dueAt);
		return ParkSignal.INSTANCE;
	}

	/** Writes what has piled up, fenced by the lease, before anything new runs. */
	void flush() {
		this.recorder.flush();
	}

	/** Writes {@code transition} and what has piled up ({@link RunRecorder#write}). */
	void write(RunTransition transition) {
		this.recorder.write(transition);
	}

	/**
	 * Writes the park now (inside a wider transaction); the worker then has nothing left
	 * to write.
	 */
	void writePark() {
		write(this.park);
		this.parkWritten = true;
	}

	/** Writes the park the workflow asked for, unless it was written already. */
	void finishPark() {
		if (!this.parkWritten) {
			write(this.park);
		}
	}

	RunLog runLog() {
		return this.log;
	}

	StepRecord recorded(String name) {
		return this.recorded.get(name);
	}

	int position() {
		return this.position;
	}

	RunTransition.Park park() {
		return this.park;
	}

	ReplayMismatchException mismatch() {
		return this.mismatch;
	}

	EngineSupport support() {
		return this.support;
	}

	WorkflowJson json() {
		return this.support.json();
	}

	Instant now() {
		return this.support.clock().instant();
	}

}
