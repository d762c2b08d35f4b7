package io.durableflow.ui.app;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.durableflow.DurableWorkflow;
import io.durableflow.GraphBuilder;
import io.durableflow.GraphStep;
import io.durableflow.GraphWorkflow;
import io.durableflow.StepHandle;
import io.durableflow.action.Action;
import io.durableflow.action.ActionContext;
import io.durableflow.action.DurableAction;
import io.durableflow.StepError;
import io.durableflow.StepOptions;
import io.durableflow.Workflow;
import io.durableflow.WorkflowContext;
import io.durableflow.definition.stored.DefinitionExecutor;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;

/** A web host for the UI module's tests. */
@SpringBootApplication
public class UiTestApp {

	/**
	 * A stand-in for the task-graph executor: a run of a stored definition completes with
	 * the revision it ran and the parameters it was given.
	 * {@code ui-test.echoing-executor=false} leaves the starter's task-graph executor in
	 * its place.
	 */
	@Bean
	@ConditionalOnBooleanProperty(name = "ui-test.echoing-executor", matchIfMissing = true)
	DefinitionExecutor echoingDefinitionExecutor() {
		return (definition) -> (flow, input) -> flow.step("echo", Map.class, () -> {
			Map<String, Object> output = new LinkedHashMap<>();
			output.put("revision", definition.revision());
			output.put("parameters", input);
			return output;
		});
	}

	/** The inputs for which {@code charge} succeeds: its upstream is repaired. */
	public static final Set<String> REPAIRED = ConcurrentHashMap.newKeySet();

	/** Fails at its step {@code charge} until its input is {@link #REPAIRED}. */
	@DurableWorkflow(name = "charge")
	public static class Charge implements Workflow<String, String> {

		@Override
		public String run(WorkflowContext flow, String input) {
			return flow.step("charge", StepOptions.builder().maxAttempts(1).build(), String.class, () -> {
				if (!REPAIRED.contains(input)) {
					throw StepError.permanent("upstream_down", "the payment upstream is down");
				}
				return "charged " + input;
			});
		}

	}

	/**
	 * Logs, records a result, sleeps, waits for a confirmation, and then welcomes the
	 * user or, if the confirmation says so, fails an audit.
	 */
	@DurableWorkflow(name = "onboarding")
	public static class Onboarding implements Workflow<Onboard, String> {

		@Override
		public String run(WorkflowContext flow, Onboard input) {
			flow.log().info("onboarding started", Map.of("user", input.user()));
			String account = flow.step("create_account", String.class, () -> "account-of-" + input.user());
			flow.sleep("cool_down", Duration.ofMillis(input.coolDownMillis()));
			Map<String, Object> confirmation = flow
				.waitForEvent("confirmed", "onboarding.confirmed", Map.of("user", input.user()), Duration.ofMinutes(5))
				.orElse(Map.of());
			String sent = flow.step("send_welcome", String.class, () -> {
				flow.log().info("welcome mail queued", Map.of("to", input.user()));
				return "welcome sent to " + account;
			});
			if (Boolean.TRUE.equals(confirmation.get("audit_fails"))) {
				flow.step("audit", StepOptions.builder().maxAttempts(1).build(), () -> {
					throw StepError.permanent("audit_down", "the audit service refused " + input.user());
				});
			}
			return sent;
		}

	}

	public record Onboard(String user, long coolDownMillis) {
	}

	/** A code workflow whose name is a definition's kind of ref. */
	@DurableWorkflow(name = "ops.coded")
	public static class Coded implements Workflow<String, String> {

		@Override
		public String run(WorkflowContext flow, String input) {
			return flow.step("code", String.class, () -> "coded " + input);
		}

	}

	@DurableWorkflow(name = "greeting")
	public static class Greeting implements Workflow<String, String> {

		@Override
		public String run(WorkflowContext flow, String name) {
			Optional<Map<String, Object>> event = flow.waitForEvent("greeted", Map.of("name", name),
					Duration.ofMinutes(5));
			return flow.step("answer", String.class,
					() -> "hello " + name + event.map((e) -> " from " + e.get("from")).orElse(""));
		}

	}

	/**
	 * One step that holds its run's slot until the test releases the run's input (or a
	 * minute has passed), for tests of what queues show.
	 */
	@DurableWorkflow(name = "held")
	public static class Held implements Workflow<String, String> {

		private static final Set<String> released = ConcurrentHashMap.newKeySet();

		public static void release(String name) {
			released.add(name);
		}

		@Override
		public String run(WorkflowContext flow, String name) {
			return flow.step("hold", String.class, () -> {
				long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
				while (!released.contains(name) && System.nanoTime() < deadline) {
					try {
						Thread.sleep(20);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						break;
					}
				}
				return name;
			});
		}

	}

	/**
	 * A step graph: {@code prepare} → {@code ask} (an inquiry) → {@code fan}, which emits
	 * {@code page[0]} and {@code page[1]}, each depending on it.
	 */
	@DurableWorkflow(name = "ui.steps")
	public static class Steps implements GraphWorkflow<Map<String, Object>> {

		@Override
		public void build(GraphBuilder graph, Map<String, Object> input) {
			StepHandle prepare = graph.step("prepare", "core.echo", input);
			StepHandle ask = graph.step("ask", "core.inquiry", Map.of("prompt", "Fan out?"),
					GraphStep.dependsOn(prepare));
			graph.step("fan", "ui.fan", Map.of("pages", 2), GraphStep.dependsOn(ask));
		}

	}

	/** {@code ui.fan}: emits {@code page[i]} for each of its {@code pages}. */
	@DurableAction(name = "ui.fan")
	public static class Fan implements Action<Map<String, Object>, Map<String, Object>> {

		@Override
		public Map<String, Object> execute(ActionContext context, Map<String, Object> input) {
			int pages = ((Number) input.get("pages")).intValue();
			for (int i = 0; i < pages; i++) {
				context.emit("page[" + i + "]", "core.echo", Map.of("page", i),
						GraphStep.dependsOn(StepHandle.of(context.stepName())));
			}
			return Map.of("pages", pages);
		}

	}

}
