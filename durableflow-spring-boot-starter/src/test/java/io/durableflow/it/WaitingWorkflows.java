package io.durableflow.it;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

import io.durableflow.DurableWorkflow;
import io.durableflow.StepError;
import io.durableflow.StepOptions;
import io.durableflow.Workflow;
import io.durableflow.WorkflowContext;
import io.durableflow.WorkflowOutcome;

/** Workflows that wait for events and for other runs. */
public final class WaitingWorkflows {

	/** Per-run latches a test can arm to hold a replay just before its wait. */
	public static final Map<String, CountDownLatch> holdBeforeWait = new ConcurrentHashMap<>();

	public static final Map<String, CountDownLatch> heldBeforeWait = new ConcurrentHashMap<>();

	/** Flips a "fragile" step from failing to succeeding. */
	public static volatile boolean fragileFixed;

	private WaitingWorkflows() {
	}

	public record Approval(String docId, long timeoutMillis) {
	}

	@DurableWorkflow(name = "approval")
	public static class ApprovalFlow implements Workflow<Approval, String> {

		@Override
		public String run(WorkflowContext flow, Approval input) throws InterruptedException {
			flow.step("submit", () -> Probe.hit(flow.runId(), "submit"));
			CountDownLatch hold = holdBeforeWait.get(flow.runId());
			if (hold != null) {
				heldBeforeWait.get(flow.runId()).countDown();
				hold.await();
			}
			Optional<Map<String, Object>> approved = flow.waitForEvent("approved", "doc.approved",
					Map.of("doc", input.docId()), Duration.ofMillis(input.timeoutMillis()));
			return flow.step("decide", String.class,
					() -> approved.map((e) -> "approved by " + e.get("by")).orElse("timed out"));
		}

	}

	@DurableWorkflow(name = "doubler")
	public static class Doubler implements Workflow<Integer, Integer> {

		@Override
		public Integer run(WorkflowContext flow, Integer input) {
			flow.step("pause", () -> Thread.sleep(20));
			if (input < 0) {
				flow.step("explode", StepOptions.builder().maxAttempts(1).build(), () -> {
					throw StepError.permanent("negative_input", "cannot double " + input);
				});
			}
			if (input == 0) {
				flow.sleep("forever", Duration.ofHours(1));
			}
			return flow.step("double", Integer.class, () -> input * 2);
		}

	}

	public record ParentInput(int childInput, long sleepFirstMillis, long timeoutMillis) {
	}

	@DurableWorkflow(name = "parent")
	public static class Parent implements Workflow<ParentInput, String> {

		@Override
		public String run(WorkflowContext flow, ParentInput input) {
			String child = flow.startChild("child", Doubler.class, input.childInput());
			if (input.sleepFirstMillis() > 0) {
				flow.sleep("let-child-finish", Duration.ofMillis(input.sleepFirstMillis()));
			}
			WorkflowOutcome outcome = flow.waitForWorkflow("wait-child", child,
					Duration.ofMillis(input.timeoutMillis()));
			return outcome.status().dbValue() + ":"
					+ outcome.error()
						.map((e) -> e.code())
						.orElseGet(() -> String.valueOf(outcome.output(Integer.class)));
		}

	}

	@DurableWorkflow(name = "fan")
	public static class Fan implements Workflow<List<Integer>, List<String>> {

		@Override
		public List<String> run(WorkflowContext flow, List<Integer> inputs) {
			return flow.fanOut("double", Doubler.class, inputs, 2, Duration.ofSeconds(30))
				.stream()
				.map((o) -> o.status().dbValue() + ":" + o.output(Integer.class))
				.toList();
		}

	}

	@DurableWorkflow(name = "chatty")
	public static class Chatty implements Workflow<String, String> {

		@Override
		public String run(WorkflowContext flow, String input) {
			flow.log().info("starting", Map.of("input", input));
			flow.step("work", () -> flow.log().warn("inside the step", Map.of("attempt", 1)));
			flow.sleep("nap", Duration.ofMillis(200));
			flow.log().info("finishing");
			return "done";
		}

	}

	@DurableWorkflow(name = "fragile")
	public static class Fragile implements Workflow<String, String> {

		@Override
		public String run(WorkflowContext flow, String input) {
			flow.step("prepare", () -> Probe.hit(flow.runId(), "prepare"));
			flow.step("call", StepOptions.builder().maxAttempts(1).build(), () -> {
				Probe.hit(flow.runId(), "call");
				if (!fragileFixed) {
					throw StepError.permanent("upstream_down", "upstream is down");
				}
			});
			return "recovered";
		}

	}

}
