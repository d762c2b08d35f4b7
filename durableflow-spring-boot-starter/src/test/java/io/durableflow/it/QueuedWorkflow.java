package io.durableflow.it;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.durableflow.DurableWorkflow;
import io.durableflow.Workflow;
import io.durableflow.WorkflowContext;

/**
 * One step that holds its slot for a while, noting, per tag, how many run at once (and
 * the most ever) and the order in which they began. Counters are static: the contexts of
 * one test JVM share them. In a worker JVM started by a test (system property
 * {@code durableflow.test.process=worker}), the step holds for a minute, to be killed.
 */
@DurableWorkflow(name = "queued")
public class QueuedWorkflow implements Workflow<QueuedWorkflow.Job, String> {

	static final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();

	static final Map<String, AtomicInteger> peak = new ConcurrentHashMap<>();

	static final Map<String, List<String>> began = new ConcurrentHashMap<>();

	/** Steps this context's scheduler ran (one bean a context). */
	final AtomicInteger executedHere = new AtomicInteger();

	/** Steps running in this context now, and the most ever. */
	final AtomicInteger runningHere = new AtomicInteger();

	final AtomicInteger peakHere = new AtomicInteger();

	@Override
	public String run(WorkflowContext flow, Job job) {
		return flow.step("work", String.class, () -> {
			AtomicInteger now = running.computeIfAbsent(job.tag(), (t) -> new AtomicInteger());
			int here = now.incrementAndGet();
			peak.computeIfAbsent(job.tag(), (t) -> new AtomicInteger()).accumulateAndGet(here, Math::max);
			began.computeIfAbsent(job.tag(), (t) -> new CopyOnWriteArrayList<>()).add(job.name());
			this.executedHere.incrementAndGet();
			this.peakHere.accumulateAndGet(this.runningHere.incrementAndGet(), Math::max);
			try {
				Thread.sleep("worker".equals(System.getProperty("durableflow.test.process")) ? 60_000 : job.holdMs());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				this.runningHere.decrementAndGet();
				now.decrementAndGet();
			}
			return job.name();
		});
	}

	static void reset(String tag) {
		running.remove(tag);
		peak.remove(tag);
		began.remove(tag);
	}

	public record Job(String tag, String name, long holdMs) {
	}

}
