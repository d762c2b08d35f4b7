package io.durableflow.taskgraph;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.durableflow.DurableWorkflow;
import io.durableflow.GraphBuilder;
import io.durableflow.GraphStep;
import io.durableflow.GraphWorkflow;
import io.durableflow.StepError;
import io.durableflow.StepHandle;
import io.durableflow.StepOptions;
import io.durableflow.action.Action;
import io.durableflow.action.ActionContext;
import io.durableflow.action.DurableAction;

/** The step graphs and actions of {@link StepGraphTests}. */
final class StepGraphTestWorkflows {

	private StepGraphTestWorkflows() {
	}

	static final GraphStep ONCE = GraphStep.retry(StepOptions.builder().maxAttempts(1).build());

	/** Whether {@code test.breakable} fails. */
	static final AtomicBoolean broken = new AtomicBoolean();

	/** A → B, C → D: B and C meet at a barrier, which only steps running at once pass. */
	@DurableWorkflow(name = "steps.diamond")
	static class Diamond implements GraphWorkflow<Map<String, Object>> {

		@Override
		public void build(GraphBuilder graph, Map<String, Object> input) {
			StepHandle a = graph.step("a", "test.count", Map.of("name", "a"));
			StepHandle b = graph.step("b", "test.meet", Map.of("barrier", input.get("barrier"), "parties", 2),
					GraphStep.dependsOn(a), ONCE);
			StepHandle c = graph.step("c", "test.meet", Map.of("barrier", input.get("barrier"), "parties", 2),
					GraphStep.dependsOn(a), ONCE);
			graph.step("d", "test.join", Map.of(), GraphStep.dependsOn(b, c));
		}

	}

	/**
	 * {@code test.meet}: waits at most 10 s for {@code parties} steps at the barrier
	 * named {@code barrier}, fails if they do not all come (they do not run at once).
	 */
	@DurableAction(name = "test.meet")
	static class Meet implements Action<Map<String, Object>, Map<String, Object>> {

		static final Map<String, CyclicBarrier> barriers = new ConcurrentHashMap<>();

		@Override
		public Map<String, Object> execute(ActionContext context, Map<String, Object> input) throws Exception {
			CyclicBarrier barrier = barriers.computeIfAbsent(String.valueOf(input.get("barrier")),
					(name) -> new CyclicBarrier(((Number) input.get("parties")).intValue()));
			try {
				barrier.await(10, TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				throw StepError.permanent("alone", "step " + context.stepName() + " met nobody at the barrier");
			}
			return Map.of("met", context.stepName());
		}

	}

	/** {@code test.join}: counts its calls and names the results of its dependencies. */
	@DurableAction(name = "test.join")
	static class Join implements Action<Map<String, Object>, Map<String, Object>> {

		@Override
		public Map<String, Object> execute(ActionContext context, Map<String, Object> input) {
			GraphTestApp.calls
				.computeIfAbsent(context.runId() + "/" + context.stepName(),
						(k) -> new java.util.concurrent.atomic.AtomicInteger())
				.incrementAndGet();
			return Map.of("b", context.dependencyResult("b", Map.class), "c", context.dependencyResult("c", Map.class));
		}

	}

	/**
	 * {@code source} emits {@code doubled} (depending on itself and on its sibling
	 * {@code side}) and {@code total} (depending on {@code doubled}).
	 */
	@DurableWorkflow(name = "steps.emitting")
	static class Emitting implements GraphWorkflow<Map<String, Object>> {

		@Override
		public void build(GraphBuilder graph, Map<String, Object> input) {
			graph.step("side", "test.count", Map.of("value", 5));
			graph.step("source", "test.emit", input);
		}

	}

	/**
	 * {@code test.emit}: what {@link Emitting} says; with {@code clash} also a step of
	 * that id, with {@code unknownAction} also {@code stray} of that action, with
	 * {@code strayWhileBroken} also {@code stray} of an action not registered while
	 * {@link #broken} is set.
	 */
	@DurableAction(name = "test.emit")
	static class Emit implements Action<Map<String, Object>, Map<String, Object>> {

		@Override
		public Map<String, Object> execute(ActionContext context, Map<String, Object> input) {
			StepHandle doubled = context.emit("doubled", "test.double", Map.of(),
					GraphStep.dependsOn(StepHandle.of(context.stepName()), StepHandle.of("side")));
			context.emit("total", "test.total", Map.of(), GraphStep.dependsOn(doubled));
			if (input.get("clash") != null) {
				context.emit(String.valueOf(input.get("clash")), "test.count", Map.of());
			}
			if (input.get("unknownAction") != null) {
				context.emit("stray", String.valueOf(input.get("unknownAction")), Map.of());
			}
			if (input.get("strayWhileBroken") != null && broken.get()) {
				context.emit("stray", "test.nope", Map.of());
			}
			return Map.of("value", 21);
		}

	}

	/** {@code test.double}: twice {@code source}'s value plus {@code side}'s. */
	@DurableAction(name = "test.double")
	static class Double implements Action<Map<String, Object>, Map<String, Object>> {

		@Override
		public Map<String, Object> execute(ActionContext context, Map<String, Object> input) {
			int source = ((Number) context.dependencyResult("source", Map.class).get("value")).intValue();
			int side = ((Number) context.dependencyResult("side", Map.class).get("value")).intValue();
			return Map.of("value", 2 * source + side);
		}

	}

	/**
	 * {@code test.total}: reads {@code doubled}, and {@code source} if asked (not a
	 * dependency).
	 */
	@DurableAction(name = "test.total")
	static class Total implements Action<Map<String, Object>, Map<String, Object>> {

		@Override
		public Map<String, Object> execute(ActionContext context, Map<String, Object> input) {
			return Map.of("total", context.dependencyResult("doubled", Map.class).get("value"));
		}

	}

	/** Two steps of one dedup key (and one of another): the key's action runs once. */
	@DurableWorkflow(name = "steps.dedup")
	static class Dedup implements GraphWorkflow<Map<String, Object>> {

		@Override
		public void build(GraphBuilder graph, Map<String, Object> input) {
			StepHandle first = graph.step("first", "test.count", Map.of("page", "home"), GraphStep.dedupKey("home"));
			graph.step("again", "test.count", Map.of("page", "home, again"), GraphStep.dedupKey("home"));
			graph.step("later", "test.count", Map.of("page", "home, later"), GraphStep.dependsOn(first),
					GraphStep.dedupKey("home"));
			graph.step("other", "test.count", Map.of("page", "about"), GraphStep.dedupKey("about"));
		}

	}

	/**
	 * {@code start} → {@code ok} (holds), {@code bad} (breakable, with a dedup key if
	 * {@code dedup}) → {@code after}; or, with {@code solo}, the one step {@code bad}.
	 */
	@DurableWorkflow(name = "steps.breaking")
	static class Breaking implements GraphWorkflow<Map<String, Object>> {

		@Override
		public void build(GraphBuilder graph, Map<String, Object> input) {
			if (Boolean.TRUE.equals(input.get("solo"))) {
				graph.step("bad", "test.breakable", Map.of(), ONCE);
				return;
			}
			StepHandle start = graph.step("start", "test.count", Map.of());
			graph.step("ok", "test.hold", Map.of("item", "ok", "millis", 500), GraphStep.dependsOn(start));
			StepHandle bad = Boolean.TRUE.equals(input.get("dedup"))
					? graph.step("bad", "test.breakable", Map.of(), GraphStep.dependsOn(start), ONCE,
							GraphStep.dedupKey("bad-key"))
					: graph.step("bad", "test.breakable", Map.of(), GraphStep.dependsOn(start), ONCE);
			graph.step("after", "test.count", Map.of(), GraphStep.dependsOn(bad));
		}

	}

	/** {@code test.breakable}: fails for good while {@link #broken} is set. */
	@DurableAction(name = "test.breakable")
	static class Breakable implements Action<Map<String, Object>, Map<String, Object>> {

		@Override
		public Map<String, Object> execute(ActionContext context, Map<String, Object> input) {
			GraphTestApp.calls
				.computeIfAbsent(context.runId() + "/" + context.stepName(),
						(k) -> new java.util.concurrent.atomic.AtomicInteger())
				.incrementAndGet();
			if (broken.get()) {
				throw StepError.permanent("broken", "broken on purpose");
			}
			return Map.of("fixed", true);
		}

	}

	/** 1 → {@code width} holding steps → 1. */
	@DurableWorkflow(name = "steps.wide")
	static class Wide implements GraphWorkflow<Map<String, Object>> {

		@Override
		public void build(GraphBuilder graph, Map<String, Object> input) {
			StepHandle top = graph.step("top", "test.count", Map.of());
			List<StepHandle> middle = new ArrayList<>();
			int width = ((Number) input.get("width")).intValue();
			for (int i = 0; i < width; i++) {
				middle.add(graph.step("hold[" + i + "]", "test.hold",
						Map.of("item", i, "millis", 600, "instances", input.getOrDefault("instances", 1)),
						GraphStep.dependsOn(top)));
			}
			graph.step("bottom", "test.count", Map.of(), GraphStep.dependsOn(middle));
		}

	}

	/**
	 * {@code slow} (holds 3 s) and {@code fast}, started in that order; {@code next}
	 * depends on {@code fast} only.
	 */
	@DurableWorkflow(name = "steps.race")
	static class Race implements GraphWorkflow<Map<String, Object>> {

		@Override
		public void build(GraphBuilder graph, Map<String, Object> input) {
			graph.step("slow", "test.hold", Map.of("item", "slow", "millis", 3000));
			StepHandle fast = graph.step("fast", "test.count", Map.of());
			graph.step("next", "test.stamp", Map.of(), GraphStep.dependsOn(fast));
		}

	}

	/** {@code test.stamp}: whether a {@code test.hold} was holding when it ran. */
	@DurableAction(name = "test.stamp")
	static class Stamp implements Action<Map<String, Object>, Map<String, Object>> {

		@Override
		public Map<String, Object> execute(ActionContext context, Map<String, Object> input) {
			return Map.of("holding", GraphTestApp.Hold.running.get() > 0);
		}

	}

	/** A step that depends on a step declared after it: not a graph. */
	@DurableWorkflow(name = "steps.invalid")
	static class Invalid implements GraphWorkflow<Map<String, Object>> {

		@Override
		public void build(GraphBuilder graph, Map<String, Object> input) {
			graph.step("first", "test.count", Map.of(), GraphStep.dependsOn(StepHandle.of("second")));
			graph.step("second", "test.count", Map.of());
		}

	}

	/**
	 * Two independent steps (child runs) and a last one (in place), each storing a file.
	 */
	@DurableWorkflow(name = "steps.files")
	static class Files implements GraphWorkflow<Map<String, Object>> {

		@Override
		public void build(GraphBuilder graph, Map<String, Object> input) {
			StepHandle a = graph.step("a", "test.file", Map.of());
			StepHandle b = graph.step("b", "test.file", Map.of());
			graph.step("c", "test.file", Map.of(), GraphStep.dependsOn(a, b));
		}

	}

	/** {@code test.file}: stores {@code <step>.txt}. */
	@DurableAction(name = "test.file")
	static class File implements Action<Map<String, Object>, Map<String, Object>> {

		@Override
		public Map<String, Object> execute(ActionContext context, Map<String, Object> input) {
			io.durableflow.ArtifactRef ref = context.artifact(context.stepName() + ".txt", "text/plain",
					context.stepName().getBytes(java.nio.charset.StandardCharsets.UTF_8));
			return Map.of("file", ref.id());
		}

	}

	/**
	 * One step of an action with a queue of its own, which emits another: both run as
	 * child runs in that queue although each is alone.
	 */
	@DurableWorkflow(name = "steps.laned")
	static class Laned implements GraphWorkflow<Map<String, Object>> {

		@Override
		public void build(GraphBuilder graph, Map<String, Object> input) {
			graph.step("solo", "test.laned", Map.of("emit", true));
		}

	}

	/** {@code test.laned}, in queue {@code lane}: emits {@code echo} when told to. */
	@DurableAction(name = "test.laned", queue = "lane")
	static class Laneds implements Action<Map<String, Object>, Map<String, Object>> {

		@Override
		public Map<String, Object> execute(ActionContext context, Map<String, Object> input) {
			if (Boolean.TRUE.equals(input.get("emit"))) {
				context.emit("echo", "test.laned", Map.of(), GraphStep.dependsOn(StepHandle.of(context.stepName())));
			}
			return Map.of("step", context.stepName());
		}

	}

	/** Two steps ready together, the second in a queue that is not declared. */
	@DurableWorkflow(name = "steps.misqueued")
	static class Misqueued implements GraphWorkflow<Map<String, Object>> {

		@Override
		public void build(GraphBuilder graph, Map<String, Object> input) {
			graph.step("fine", "test.count", Map.of());
			graph.step("lost", "test.count", Map.of(), GraphStep.queue("nowhere"));
		}

	}

}
