package io.durableflow.it;

import java.util.concurrent.atomic.AtomicInteger;

import io.durableflow.DurableWorkflow;
import io.durableflow.Workflow;
import io.durableflow.WorkflowContext;

/**
 * Three short steps that note every execution and any overlap. One bean a context, so its
 * counter tells how many runs this context's scheduler executed.
 */
@DurableWorkflow(name = "contended")
public class ContendedWorkflow implements Workflow<Integer, Integer> {

	final AtomicInteger executedHere = new AtomicInteger();

	@Override
	public Integer run(WorkflowContext flow, Integer input) {
		int total = 0;
		for (String step : new String[] { "a", "b", "c" }) {
			total += flow.step(step, Integer.class, () -> {
				int[] result = new int[1];
				Probe.exclusive(flow.runId(), step, () -> {
					result[0] = Probe.hit(flow.runId(), step);
					try {
						Thread.sleep(2);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				});
				return result[0];
			});
		}
		this.executedHere.incrementAndGet();
		return total;
	}

}
