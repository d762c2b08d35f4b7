package io.durableflow.it;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.durableflow.DurableWorkflow;
import io.durableflow.Workflow;
import io.durableflow.WorkflowContext;
import io.durableflow.WorkflowOutcome;

/**
 * A parent that waits for a child whose one step a test holds, so that the test can stand
 * in the way of the child's finishing write ({@link FinishingWriteDeadlockTests}).
 */
public final class HeldWorkflows {

	/** Counted down when the child's step began. */
	public static volatile CountDownLatch entered = new CountDownLatch(1);

	/** The child's step returns once this is counted down. */
	public static volatile CountDownLatch release = new CountDownLatch(1);

	/** How often the child's step ran. */
	public static final AtomicInteger executions = new AtomicInteger();

	private HeldWorkflows() {
	}

	/** Arms the latches and clears the count for a new test. */
	public static void reset() {
		entered = new CountDownLatch(1);
		release = new CountDownLatch(1);
		executions.set(0);
	}

	@DurableWorkflow(name = "held-child")
	public static class HeldChild implements Workflow<String, String> {

		@Override
		public String run(WorkflowContext flow, String input) {
			return flow.step("held", String.class, () -> {
				executions.incrementAndGet();
				entered.countDown();
				if (!release.await(60, TimeUnit.SECONDS)) {
					throw new IllegalStateException("not released");
				}
				return input + " done";
			});
		}

	}

	@DurableWorkflow(name = "held-parent")
	public static class HeldParent implements Workflow<String, String> {

		@Override
		public String run(WorkflowContext flow, String input) {
			String child = flow.startChild("child", HeldChild.class, input);
			WorkflowOutcome outcome = flow.waitForWorkflow("wait-child", child, Duration.ofMinutes(5));
			return outcome.output(String.class);
		}

	}

}
