package io.durableflow.execution;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import io.durableflow.store.RunIdOrder;
import io.durableflow.RunStatus;
import io.durableflow.StepOptions;
import io.durableflow.StepStatus;
import io.durableflow.WorkflowError;
import io.durableflow.WorkflowOutcome;
import io.durableflow.definition.ActionRegistry;
import io.durableflow.store.StepKind;
import io.durableflow.store.StepRecord;
import io.durableflow.store.StepWrite;
import io.durableflow.store.WaitWrite;
import io.durableflow.store.commit.EventStore;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.TransientDataAccessException;

/**
 * What the step-graph executor needs of an execution beyond {@code WorkflowContext}:
 * actions whose context reads dependencies and emits steps, a wait for whichever of
 * several child runs finishes first, and marks (steps recorded as failed, for the
 * operator to retry, whose later fate the executor records).
 * <p>
 * {@link #awaitAny} keeps replays deterministic: which children it took is recorded as a
 * step of its own (the decision), so a replay takes the same ones in the same order,
 * whatever finished since.
 */
public final class GraphCalls {

	/**
	 * The step that records a step graph's declared steps: a run that has it is a step
	 * graph's.
	 */
	public static final String BUILD = "graph.build";

	/**
	 * The suffix of a step graph step's first attempt run in place ({@code <id>.run});
	 * its failure is recorded under the step's id, which is what an operator retries.
	 */
	public static final String IN_PLACE = ".run";

	private final ExecutionContext context;

	private final ActionCalls actions;

	private final ActionRegistry registry;

	/** Waits entered in this execution. */
	private final Set<String> registered = new HashSet<>();

	/** Results of waits that were resolved when this execution registered them. */
	private final Map<String, String> resolved = new HashMap<>();

	private final Map<String, Integer> marks = new HashMap<>();

	GraphCalls(ExecutionContext context, ActionRegistry registry, ActionCalls actions) {
		this.context = context;
		this.registry = registry;
		this.actions = actions;
	}

	/**
	 * The action as a memoized step whose context has a scope of its own per attempt; the
	 * step's result is what the scope makes of the output.
	 */
	public @Nullable Object action(String stepName, StepOptions options, String actionName, @Nullable Object input,
			Supplier<ActionScope> scopes) {
		return this.actions.call(stepName, options, this.registry.require(actionName), input, Object.class, scopes);
	}

	/**
	 * A child run waited for: the wait's step name, the child's id.
	 *
	 * @param waitName the name of the wait's step
	 * @param runId the child's run id
	 */
	public record Awaited(String waitName, String runId) {
	}

	/**
	 * A child run taken.
	 *
	 * @param waitName the name of its wait's step
	 * @param outcome how it ended
	 * @param fresh whether this execution took it (a replay takes what was recorded)
	 */
	public record Finished(String waitName, WorkflowOutcome outcome, boolean fresh) {
	}

	/**
	 * The children of {@code children} that finished, in the given order, at least one:
	 * each child's wait is a step (entered here the first time the child is given, in the
	 * given order), and which were taken is the step {@code decision}. When none has
	 * finished, the run parks until one does.
	 */
	public List<Finished> awaitAny(String decision, List<Awaited> children) {
		List<Awaited> fresh = new ArrayList<>();
		Map<String, Integer> seqs = new HashMap<>();
		for (Awaited child : children) {
			if (this.registered.add(child.waitName())) {
				seqs.put(child.waitName(), this.context.enter(child.waitName()));
				if (this.context.recorded(child.waitName()) == null) {
					fresh.add(child);
				}
			}
		}
		if (!fresh.isEmpty()) {
			try {
				register(fresh, seqs);
			}
			catch (TransientDataAccessException ex) {
				// a deadlock with a child finishing at this moment (it locks itself,
				// then us): the marks on the children rolled back, so the waits queued
				// with them must go too (a wait row without its child's mark would
				// never be told, invariant 8); the run parks, due again in a second,
				// and registers them again then
				List<String> names = fresh.stream().map(Awaited::waitName).toList();
				synchronized (this.context.pending()) {
					this.context.pending().forget(names);
				}
				names.forEach(this.resolved::remove);
				throw this.context.parkUntil(RunStatus.PENDING, this.context.now().plusSeconds(1));
			}
		}
		int seq = this.context.enter(decision);
		StepRecord previous = this.context.recorded(decision);
		if (previous != null && previous.is(StepStatus.COMPLETED)) {
			List<Finished> taken = new ArrayList<>();
			for (Object name : this.context.json().read(previous.resultJson(), List.class)) {
				taken.add(new Finished((String) name, outcome(waitResult((String) name)), false));
			}
			return taken;
		}
		List<Finished> done = new ArrayList<>();
		for (Awaited child : children) {
			String result = waitResult(child.waitName());
			if (result != null) {
				done.add(new Finished(child.waitName(), outcome(result), true));
			}
		}
		if (done.isEmpty()) {
			throw this.context.parkUntil(RunStatus.WAITING, null);
		}
		Instant now = this.context.now();
		this.context.record(new StepWrite(decision, seq, StepKind.STEP, StepStatus.COMPLETED, 1,
				this.context.json().write(done.stream().map(Finished::waitName).toList()), null, null, now, now));
		return done;
	}

	/**
	 * Runs {@code starts}, which start several child runs, in one transaction, so that
	 * their inserts share one commit instead of one each. Should one of them fail, none
	 * is started, and the steps they recorded are dropped with them.
	 */
	public void together(Runnable starts) {
		Set<String> before = new HashSet<>();
		synchronized (this.context.pending()) {
			this.context.pending().steps().forEach((step) -> before.add(step.name()));
		}
		try {
			this.context.support().inTransaction(() -> {
				starts.run();
				return null;
			});
		}
		catch (RuntimeException | Error ex) {
			synchronized (this.context.pending()) {
				List<String> added = this.context.pending()
					.steps()
					.stream()
					.map(StepWrite::name)
					.filter((name) -> !before.contains(name))
					.toList();
				this.context.pending().forget(added);
			}
			throw ex;
		}
	}

	/**
	 * Writes the waits of {@code children}, each completed at once if its child has
	 * finished, in one transaction that locks the children (in run-id order, invariant
	 * 4): a child that finishes later finds its wait (invariant 8).
	 */
	private void register(List<Awaited> children, Map<String, Integer> seqs) {
		List<Awaited> ordered = new ArrayList<>(children);
		ordered.sort(Comparator.comparing(Awaited::runId, RunIdOrder.BY_CODE_POINTS));
		this.context.support().inTransaction(() -> {
			Instant now = this.context.now();
			for (Awaited child : ordered) {
				Map<String, Object> state = this.context.support()
					.waits()
					.markAwaited(this.context.runId(), child.runId())
					.orElseThrow(() -> new IllegalStateException("no child run with id '" + child.runId() + "'"));
				RunStatus status = RunStatus.fromDb((String) state.get("status"));
				int seq = seqs.get(child.waitName());
				if (status.isTerminal()) {
					String result = "{\"matched\": true, \"payload\": "
							+ EventStore.finishedPayload(this.context.json(), child.runId(), status,
									(String) state.get("output"), (String) state.get("error"))
							+ "}";
					this.resolved.put(child.waitName(), result);
					this.context.record(new StepWrite(child.waitName(), seq, StepKind.WAIT, StepStatus.COMPLETED, 1,
							result, null, null, now, now));
				}
				else {
					this.context.record(new StepWrite(child.waitName(), seq, StepKind.WAIT, StepStatus.WAITING, 0, null,
							null, null, now, null));
					this.context.pending()
						.waitFor(new WaitWrite(child.waitName(), EventStore.WORKFLOW_FINISHED,
								this.context.json().write(Map.of("run_id", child.runId())), null));
				}
			}
			this.context.flush();
			return null;
		});
	}

	private @Nullable String waitResult(String waitName) {
		String result = this.resolved.get(waitName);
		if (result != null) {
			return result;
		}
		StepRecord recorded = this.context.recorded(waitName);
		return (recorded != null && recorded.is(StepStatus.COMPLETED)) ? recorded.resultJson() : null;
	}

	private WorkflowOutcome outcome(@Nullable String waitResult) {
		Map<?, ?> result = this.context.json().read(waitResult, Map.class);
		return FinishedEvents.outcome(this.context.json(), (Map<?, ?>) result.get("payload"));
	}

	/**
	 * Enters the mark {@code name}: recorded as failed with {@code error} the first time,
	 * and from then on as it stands (an operator's retry makes it pending).
	 * @return its recorded status; {@code null} when it was recorded now
	 */
	public @Nullable StepStatus mark(String name, WorkflowError error) {
		int seq = this.context.enter(name);
		this.marks.put(name, seq);
		StepRecord previous = this.context.recorded(name);
		if (previous != null) {
			return previous.status();
		}
		Instant now = this.context.now();
		this.context.record(new StepWrite(name, seq, StepKind.STEP, StepStatus.FAILED, 1, null,
				this.context.json().writeError(error, name), null, now, now));
		return null;
	}

	/**
	 * Records what became of a mark entered in this execution: completed with
	 * {@code result}, or failed again with {@code error}.
	 */
	public void remark(String name, @Nullable Object result, @Nullable WorkflowError error) {
		Integer seq = this.marks.get(name);
		if (seq == null) {
			throw new IllegalStateException("mark '" + name + "' was not entered in this execution");
		}
		Instant now = this.context.now();
		this.context.record((error == null)
				? new StepWrite(name, seq, StepKind.STEP, StepStatus.COMPLETED, 1, this.context.json().write(result),
						null, null, now, now)
				: new StepWrite(name, seq, StepKind.STEP, StepStatus.FAILED, 1, null,
						this.context.json().writeError(error, name), null, now, now));
	}

	/**
	 * Whether the step {@code name} is recorded as completed, without entering it: a
	 * replay asks it of a decision step the run may have recorded at this point.
	 */
	public boolean isCompleted(String name) {
		StepRecord recorded = this.context.recorded(name);
		return recorded != null && recorded.is(StepStatus.COMPLETED);
	}

}
