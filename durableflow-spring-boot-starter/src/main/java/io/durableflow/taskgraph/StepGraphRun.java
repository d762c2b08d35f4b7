package io.durableflow.taskgraph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import io.durableflow.RunStatus;
import io.durableflow.StepFailedException;
import io.durableflow.StepOptions;
import io.durableflow.StepStatus;
import io.durableflow.WorkflowContext;
import io.durableflow.WorkflowError;
import io.durableflow.WorkflowOutcome;
import io.durableflow.execution.EngineContext;
import io.durableflow.execution.GraphCalls;
import io.durableflow.json.WorkflowJson;
import org.jspecify.annotations.Nullable;

/**
 * One execution of a step graph ({@link io.durableflow.GraphWorkflow}) on the task-graph
 * machinery: the graph is built once and recorded ({@value #BUILD}); a step starts once
 * every step it depends on completed; steps ready together run at the same time, each a
 * child run of {@link TaskCall} (step {@code <id>.start} starts it, {@code <id>.done}
 * waits for it), and whichever finished is taken, as the decision {@code graph.next.<n>}
 * records (so a replay takes the same, in the same order); a step alone (nothing else
 * ready or running, no queue of its own) runs in place as the step {@code <id>.run}. A
 * step's result carries the steps it emitted, added to the graph when it is taken.
 * <p>
 * Within a run, steps of one dedup key execute once: the first to start runs, the others
 * complete with its result. A failed step stops what depends on it; the rest goes on;
 * then each failed step is recorded as the step {@code <id>} (failed), and the run fails
 * naming them. An operator's {@code retryStep(runId, id)} makes that step pending: the
 * next execution records the retry ({@code graph.retry.<n>}) and runs the step again as a
 * child run ({@code <id>#<attempt>.start}), then its dependants.
 */
final class StepGraphRun {

	static final String BUILD = GraphCalls.BUILD;

	static final String NEXT = "graph.next.";

	static final String RETRY = "graph.retry.";

	private final WorkflowContext flow;

	private final EngineContext engine;

	private final GraphCalls calls;

	private final WorkflowJson json;

	private final Function<String, @Nullable String> queues;

	private final Map<String, GraphNode> nodes = new LinkedHashMap<>();

	private final Map<String, @Nullable Object> results = new HashMap<>();

	private final Map<String, WorkflowError> failures = new LinkedHashMap<>();

	private final Set<String> started = new HashSet<>();

	private final Map<String, Integer> attempts = new HashMap<>();

	private final Map<String, String> holders = new HashMap<>();

	private final Map<String, List<String>> aliases = new HashMap<>();

	private final Map<String, GraphCalls.Awaited> running = new LinkedHashMap<>();

	/** Failed steps' marks, as this execution sees them. */
	private final Map<String, StepStatus> marks = new LinkedHashMap<>();

	private int decisions;

	private int retries;

	/** Whether an action of that name is registered: emitted steps are checked. */
	private final java.util.function.Predicate<String> actions;

	StepGraphRun(WorkflowContext flow, WorkflowJson json, Function<String, @Nullable String> queues,
			java.util.function.Predicate<String> actions) {
		this.actions = actions;
		if (!(flow instanceof EngineContext context)) {
			throw new IllegalStateException(
					"A step graph runs on DurableFlow's own workflow context, not on " + flow.getClass().getName());
		}
		this.flow = flow;
		this.engine = context;
		this.calls = context.graphCalls();
		this.json = json;
		this.queues = queues;
	}

	/** Runs the graph {@code build} declares to its end: each step's result by id. */
	Map<String, @Nullable Object> run(Supplier<List<GraphNode>> build) {
		GraphNode.Declared declared = this.flow.step(BUILD, StepOptions.builder().maxAttempts(1).build(),
				GraphNode.Declared.class, () -> new GraphNode.Declared(build.get()));
		declared.steps().forEach((node) -> this.nodes.put(node.id(), node));
		for (;;) {
			drive();
			for (Map.Entry<String, WorkflowError> failed : this.failures.entrySet()) {
				if (!this.marks.containsKey(failed.getKey())) {
					StepStatus status = this.calls.mark(failed.getKey(), failed.getValue());
					this.marks.put(failed.getKey(), (status != null) ? status : StepStatus.FAILED);
				}
			}
			List<String> retried = retries();
			if (retried.isEmpty()) {
				break;
			}
			for (String id : retried) {
				this.failures.remove(id);
				this.started.remove(id);
				this.attempts.merge(id, 2, (a, b) -> a + 1);
			}
		}
		if (!this.failures.isEmpty()) {
			throw failure();
		}
		List<String> notRun = this.nodes.keySet().stream().filter((id) -> !this.results.containsKey(id)).toList();
		if (!notRun.isEmpty()) {
			// nothing failed, yet these never ran: never report such a graph completed
			throw new StepFailedException(BUILD, new WorkflowError("steps_not_run",
					"The step graph ended with step(s) that never ran: " + String.join(", ", notRun), false, null));
		}
		Map<String, @Nullable Object> output = new LinkedHashMap<>();
		this.nodes.keySet().forEach((id) -> output.put(id, this.results.get(id)));
		return output;
	}

	/**
	 * Starts what is ready and takes what finished, until nothing is ready or running.
	 */
	private void drive() {
		for (;;) {
			List<GraphNode> ready = new ArrayList<>();
			for (GraphNode node : this.nodes.values()) {
				if (!this.started.contains(node.id()) && this.results.keySet().containsAll(node.dependsOn())) {
					ready.add(node);
				}
			}
			if (!ready.isEmpty()) {
				if (ready.size() > 1) {
					// their child runs are inserted with one commit
					this.calls.together(() -> ready.forEach((node) -> start(node, false)));
				}
				else {
					start(ready.get(0), this.running.isEmpty());
				}
				continue;
			}
			if (this.running.isEmpty()) {
				return;
			}
			take();
		}
	}

	private void start(GraphNode node, boolean alone) {
		this.started.add(node.id());
		if (node.dedupKey() != null) {
			String holder = this.holders.putIfAbsent(node.dedupKey(), node.id());
			// a step retried after it failed holds its key already: it runs again
			if (holder != null && !holder.equals(node.id())) {
				if (this.results.containsKey(holder)) {
					complete(node.id(), this.results.get(holder));
				}
				else {
					this.aliases.computeIfAbsent(holder, (key) -> new ArrayList<>()).add(node.id());
				}
				return;
			}
		}
		int attempt = this.attempts.getOrDefault(node.id(), 1);
		String base = (attempt == 1) ? node.id() : node.id() + "#" + attempt;
		String queue = node.queue();
		if (alone && attempt == 1 && queue == null) {
			try {
				Object envelope = this.calls.action(base + GraphCalls.IN_PLACE, node.options(), node.action(),
						node.input(), () -> new GraphActionScope(node.id(), dependencies(node), this.json,
								this.flow.runId(), this.queues));
				ended(node.id(), envelope, false);
			}
			catch (StepFailedException failed) {
				failed(node.id(), failed.error(), false);
			}
			return;
		}
		String childId = this.engine.startChild(base + ".start", TaskCall.NAME,
				TaskCall.of(node, dependencies(node), this.flow.runId()), queue);
		this.running.put(node.id(), new GraphCalls.Awaited(base + ".done", childId));
	}

	private Map<String, Object> dependencies(GraphNode node) {
		Map<String, Object> dependencies = new LinkedHashMap<>();
		node.dependsOn().forEach((id) -> dependencies.put(id, this.results.get(id)));
		return dependencies;
	}

	/** Takes the child runs that finished (the run parks until one has). */
	private void take() {
		this.decisions++;
		Map<String, String> byWait = new HashMap<>();
		this.running.forEach((id, awaited) -> byWait.put(awaited.waitName(), id));
		for (GraphCalls.Finished finished : this.calls.awaitAny(NEXT + this.decisions,
				List.copyOf(this.running.values()))) {
			String id = byWait.get(finished.waitName());
			this.running.remove(id);
			WorkflowOutcome outcome = finished.outcome();
			if (outcome.status() == RunStatus.COMPLETED) {
				ended(id, outcome.output(Object.class), finished.fresh());
			}
			else {
				failed(id,
						outcome.error()
							.orElseGet(() -> new WorkflowError(outcome.status().dbValue(),
									"The run of step '" + id + "' ended " + outcome.status().dbValue(), false, null)),
						finished.fresh());
			}
		}
	}

	/** A step whose action completed: the steps it emitted join the graph. */
	private void ended(String id, @Nullable Object envelope, boolean fresh) {
		GraphNode.Envelope taken = this.json.read(this.json.write(envelope), GraphNode.Envelope.class);
		List<GraphNode> emitted = (taken.emitted() != null) ? taken.emitted() : List.of();
		Set<String> known = new HashSet<>(this.nodes.keySet());
		for (GraphNode node : emitted) {
			if (!known.add(node.id())) {
				GraphNode other = this.nodes.get(node.id());
				failed(id, new WorkflowError("duplicate_step_id", "Step '" + id + "' emitted step '" + node.id()
						+ "', but the run has a step of that id already"
						+ ((other != null) ? " (" + ((other.emittedBy() != null)
								? "emitted by '" + other.emittedBy() + "'" : "declared by the graph") + ")" : "")
						+ "; step ids must be unique in a run", false, null), fresh);
				return;
			}
			if (!this.actions.test(node.action())) {
				failed(id,
						new WorkflowError("invalid_step", "Step '" + id + "' emitted step '" + node.id()
								+ "', which runs action '" + node.action() + "', an action that is not registered",
								false, null),
						fresh);
				return;
			}
			for (String dependency : node.dependsOn()) {
				if (!known.contains(dependency)) {
					failed(id,
							new WorkflowError(
									"unknown_dependency", "Step '" + id + "' emitted step '" + node.id()
											+ "', which depends on '" + dependency + "', a step the run does not have",
									false, null),
							fresh);
					return;
				}
			}
		}
		emitted.forEach((node) -> this.nodes.put(node.id(), node));
		complete(id, taken.result());
		if (fresh && this.marks.containsKey(id)) {
			this.calls.remark(id, taken.result(), null);
			this.marks.put(id, StepStatus.COMPLETED);
		}
	}

	private void complete(String id, @Nullable Object result) {
		this.results.put(id, result);
		List<String> waiting = this.aliases.remove(id);
		if (waiting != null) {
			waiting.forEach((alias) -> complete(alias, result));
		}
	}

	private void failed(String id, WorkflowError error, boolean fresh) {
		this.failures.put(id, error);
		if (fresh && this.marks.containsKey(id)) {
			this.calls.remark(id, null, error);
			this.marks.put(id, StepStatus.FAILED);
		}
	}

	/**
	 * The failed steps an operator retried since the run failed (their marks are pending
	 * again), recorded as a decision; a replay reads it back.
	 */
	private List<String> retries() {
		String name = RETRY + (this.retries + 1);
		List<String> candidates = new ArrayList<>();
		this.failures.keySet()
			.stream()
			.filter((id) -> this.marks.get(id) == StepStatus.PENDING)
			.forEach(candidates::add);
		if (candidates.isEmpty() && !this.calls.isCompleted(name)) {
			return List.of();
		}
		this.retries++;
		List<?> recorded = this.flow.step(name, List.class, () -> candidates);
		return recorded.stream().map(String::valueOf).toList();
	}

	private StepFailedException failure() {
		List<String> stopped = this.nodes.keySet().stream().filter((id) -> !this.started.contains(id)).toList();
		StringBuilder message = new StringBuilder("Step graph failed: " + this.failures.size() + " step(s) failed: ");
		List<String> parts = new ArrayList<>();
		this.failures.forEach((id, error) -> parts.add(id + " (" + error.code() + ": " + error.message() + ")"));
		message.append(String.join(", ", parts));
		if (!stopped.isEmpty()) {
			message.append("; not started: ").append(String.join(", ", stopped));
		}
		return new StepFailedException(this.failures.keySet().iterator().next(),
				new WorkflowError("steps_failed", message.toString(), false, null));
	}

}
