package io.durableflow.it;

import io.durableflow.DurableWorkflow;
import io.durableflow.StepError;
import io.durableflow.StepOptions;
import io.durableflow.Workflow;
import io.durableflow.WorkflowContext;

/** Workflows that fail, for operator actions on several runs. */
public final class BulkWorkflows {

	/** Whether the upstream of {@code bulk-charge} answers again. */
	public static volatile boolean upstreamBack;

	private BulkWorkflows() {
	}

	/** Fails at its step {@code charge} until the upstream is back. */
	@DurableWorkflow(name = "bulk-charge")
	public static class Charge implements Workflow<String, String> {

		@Override
		public String run(WorkflowContext flow, String input) {
			flow.step("prepare", () -> Probe.hit(flow.runId(), "prepare"));
			flow.step("charge", StepOptions.builder().maxAttempts(1).build(), () -> {
				Probe.hit(flow.runId(), "charge");
				if (!upstreamBack) {
					throw StepError.permanent("upstream_down", "upstream is down");
				}
			});
			return "charged " + input;
		}

	}

	/** Fails in its own code, outside any step. */
	@DurableWorkflow(name = "bulk-broken")
	public static class Broken implements Workflow<String, String> {

		@Override
		public String run(WorkflowContext flow, String input) {
			flow.step("prepare", () -> Probe.hit(flow.runId(), "prepare"));
			throw new IllegalStateException("no step failed, the workflow itself did");
		}

	}

}
