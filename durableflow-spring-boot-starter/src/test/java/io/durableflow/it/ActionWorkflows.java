package io.durableflow.it;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.durableflow.DurableWorkflow;
import io.durableflow.StepError;
import io.durableflow.StepOptions;
import io.durableflow.Workflow;
import io.durableflow.WorkflowContext;
import io.durableflow.action.Action;
import io.durableflow.action.ActionContext;
import io.durableflow.action.DurableAction;

/** Actions, and code workflows that call them. */
final class ActionWorkflows {

	/** What each action saw, by run. */
	static final Map<String, List<String>> seen = new ConcurrentHashMap<>();

	static final AtomicInteger shouts = new AtomicInteger();

	private ActionWorkflows() {
	}

	record Words(String text, int times) {
	}

	record Shout(String text, int length) {
	}

	/** Typed from its generics: a record in, a record out. */
	@DurableAction(name = "test.shout")
	static class ShoutAction implements Action<Words, Shout> {

		@Override
		public Shout execute(ActionContext context, Words input) {
			shouts.incrementAndGet();
			seen.computeIfAbsent(context.runId(), (r) -> new CopyOnWriteArrayList<>())
				.add(context.stepName() + "#" + context.attempt());
			context.log().info("shouting", Map.of("text", input.text()));
			String text = input.text().toUpperCase().repeat(input.times());
			return new Shout(text, text.length());
		}

	}

	/** Fails its first attempt with a retryable code. */
	@DurableAction(name = "test.flaky")
	static class FlakyAction implements Action<Map<String, Object>, Map<String, Object>> {

		@Override
		public Map<String, Object> execute(ActionContext context, Map<String, Object> input) throws Exception {
			seen.computeIfAbsent(context.runId(), (r) -> new CopyOnWriteArrayList<>())
				.add(context.stepName() + "#" + context.attempt());
			if (context.attempt() == 1) {
				throw StepError.retryable("upstream_busy", "try again");
			}
			return Map.of("attempt", context.attempt(), "input", input);
		}

	}

	/** Calls actions as steps, sleeps between (so the second execution replays them). */
	@DurableWorkflow(name = "uses-actions")
	static class UsesActions implements Workflow<String, Map<String, Object>> {

		@Override
		public Map<String, Object> run(WorkflowContext flow, String text) {
			// a map in: converted to the action's record input
			Map<?, ?> shout = flow.action("shout", "test.shout", Map.of("text", text, "times", 2), Map.class);
			flow.sleep("nap", Duration.ofMillis(50));
			Map<?, ?> echoed = flow.action("echo", "core.echo", Map.of("a", 1), Map.class);
			Object nothing = flow.action("noop", "core.noop", "ignored", Object.class);
			Map<?, ?> flaky = flow.action("flaky",
					StepOptions.builder().maxAttempts(3).initialBackoff(Duration.ofMillis(10)).build(), "test.flaky",
					Map.of("x", "y"), Map.class);
			return Map.of("shout", shout, "echoed", echoed, "nothing", String.valueOf(nothing), "flaky", flaky);
		}

	}

	/** Waits for a human's answer. */
	@DurableWorkflow(name = "asks")
	static class Asks implements Workflow<Double, Map<String, Object>> {

		@Override
		@SuppressWarnings("unchecked")
		public Map<String, Object> run(WorkflowContext flow, Double timeoutSeconds) {
			return flow.action("approve", "core.inquiry", Map.of("prompt", "Publish?", "timeout", timeoutSeconds),
					Map.class);
		}

	}

	/** A code workflow whose name a YAML file also claims (DefinitionRegistrarTests). */
	@DurableWorkflow(name = "docs.coded")
	static class Coded implements Workflow<String, String> {

		@Override
		public String run(WorkflowContext flow, String input) {
			return input;
		}

	}

	@DurableWorkflow(name = "unknown-action")
	static class UnknownAction implements Workflow<String, String> {

		@Override
		public String run(WorkflowContext flow, String input) {
			return flow.action("x", "test.nope", input, String.class);
		}

	}

}
