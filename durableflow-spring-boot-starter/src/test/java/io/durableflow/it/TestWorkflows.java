package io.durableflow.it;

import java.time.Duration;

import io.durableflow.DurableWorkflow;
import io.durableflow.StepError;
import io.durableflow.StepFailedException;
import io.durableflow.StepOptions;
import io.durableflow.Workflow;
import io.durableflow.WorkflowContext;

/** Workflows the integration tests drive. */
public final class TestWorkflows {

	private TestWorkflows() {
	}

	public record Order(String id, int amount) {
	}

	public record Receipt(String orderId, int total, String note) {
	}

	@DurableWorkflow(name = "three-steps")
	public static class ThreeSteps implements Workflow<Order, Receipt> {

		@Override
		public Receipt run(WorkflowContext flow, Order order) {
			Integer doubled = flow.step("double", Integer.class, () -> {
				Probe.hit(flow.runId(), "double");
				return order.amount() * 2;
			});
			String note = flow.step("note", String.class, () -> {
				Probe.hit(flow.runId(), "note");
				return "order " + order.id();
			});
			flow.step("audit", () -> Probe.hit(flow.runId(), "audit"));
			return new Receipt(order.id(), doubled, note);
		}

	}

	@DurableWorkflow(name = "sleepy")
	public static class Sleepy implements Workflow<Long, String> {

		@Override
		public String run(WorkflowContext flow, Long sleepMillis) {
			flow.step("before", () -> Probe.hit(flow.runId(), "before"));
			flow.sleep("nap", Duration.ofMillis(sleepMillis));
			flow.step("after", () -> Probe.hit(flow.runId(), "after"));
			return "rested";
		}

	}

	/**
	 * Fails the first {@code failures} attempts with a retryable error, then succeeds.
	 */
	@DurableWorkflow(name = "flaky")
	public static class Flaky implements Workflow<Integer, Integer> {

		static final StepOptions OPTIONS = StepOptions.builder()
			.maxAttempts(3)
			.initialBackoff(Duration.ofMillis(100))
			.backoffMultiplier(2.0)
			.maxBackoff(Duration.ofSeconds(1))
			.build();

		@Override
		public Integer run(WorkflowContext flow, Integer failures) {
			return flow.step("call", OPTIONS, Integer.class, () -> {
				int attempt = Probe.hit(flow.runId(), "call");
				if (attempt <= failures) {
					throw StepError.retryable("smtp_timeout",
							new java.io.IOException("attempt " + attempt + " timed out"));
				}
				return attempt;
			});
		}

	}

	@DurableWorkflow(name = "strict")
	public static class Strict implements Workflow<String, String> {

		@Override
		public String run(WorkflowContext flow, String email) {
			flow.step("validate", () -> {
				Probe.hit(flow.runId(), "validate");
				throw StepError.permanent("invalid_email", new IllegalArgumentException("not an email: " + email));
			});
			flow.step("never", () -> Probe.hit(flow.runId(), "never"));
			return "unreachable";
		}

	}

	/**
	 * Catches a failed step and compensates: the failure is memoized, the compensation
	 * runs once.
	 */
	@DurableWorkflow(name = "compensating")
	public static class Compensating implements Workflow<String, String> {

		@Override
		public String run(WorkflowContext flow, String input) {
			try {
				flow.step("charge", StepOptions.builder().maxAttempts(1).build(), () -> {
					throw new IllegalStateException("card declined");
				});
				return "charged";
			}
			catch (StepFailedException ex) {
				flow.step("refund", () -> Probe.hit(flow.runId(), "refund"));
				flow.sleep("pause", Duration.ofMillis(50));
				return "compensated:" + ex.error().code();
			}
		}

	}

	/**
	 * Catches Throwable around a sleep: the engine must notice and fail the run loudly.
	 */
	@DurableWorkflow(name = "swallower")
	public static class Swallower implements Workflow<String, String> {

		@Override
		public String run(WorkflowContext flow, String input) {
			try {
				flow.sleep("nap", Duration.ofSeconds(30));
			}
			catch (Throwable ignored) {
				// a bad habit the engine has to catch
			}
			return "went on";
		}

	}

	/** Uses the same step name twice. */
	@DurableWorkflow(name = "duplicate-names")
	public static class DuplicateNames implements Workflow<String, String> {

		@Override
		public String run(WorkflowContext flow, String input) {
			flow.step("same", () -> Probe.hit(flow.runId(), "same-1"));
			flow.step("same", () -> Probe.hit(flow.runId(), "same-2"));
			return "done";
		}

	}

	/** A step that takes longer than its timeout, once. */
	@DurableWorkflow(name = "slow-step")
	public static class SlowStep implements Workflow<String, Integer> {

		@Override
		public Integer run(WorkflowContext flow, String input) {
			StepOptions options = StepOptions.builder()
				.timeout(Duration.ofMillis(200))
				.maxAttempts(2)
				.initialBackoff(Duration.ofMillis(50))
				.build();
			return flow.step("slow", options, Integer.class, () -> {
				int attempt = Probe.hit(flow.runId(), "slow");
				if (attempt == 1) {
					Thread.sleep(5_000);
				}
				return attempt;
			});
		}

	}

	/**
	 * The first attempt of its step holds the worker for 30 s; later attempts return at
	 * once.
	 */
	@DurableWorkflow(name = "hold")
	public static class Hold implements Workflow<String, Integer> {

		@Override
		public Integer run(WorkflowContext flow, String input) {
			return flow.step("hold", Integer.class, () -> {
				int attempt = Probe.hit(flow.runId(), "hold");
				if (attempt == 1) {
					Thread.sleep(30_000);
				}
				return attempt;
			});
		}

	}

	/** Two steps; the second waits for the test to let it go. */
	@DurableWorkflow(name = "gated")
	public static class Gated implements Workflow<String, String> {

		@Override
		public String run(WorkflowContext flow, String input) {
			flow.step("open", () -> {
			});
			flow.step("gate", () -> {
				FencingTests.entered.countDown();
				FencingTests.release.await();
			});
			flow.step("after", () -> {
			});
			return "done";
		}

	}

}
