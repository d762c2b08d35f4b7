package io.durableflow.taskgraph;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.durableflow.StepError;
import io.durableflow.action.Action;
import io.durableflow.action.ActionContext;
import io.durableflow.action.DurableAction;
import io.durableflow.testing.EnableDurableFlowTesting;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The host of the task-graph tests: test actions (stored definitions are offered to the
 * registry by the starter, run by the task-graph executor).
 */
@SpringBootApplication
@EnableDurableFlowTesting
public class GraphTestApp {

	/** Calls of the counting actions, by run and step. */
	static final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

	static int calls(String runId, String step) {
		AtomicInteger count = calls.get(runId + "/" + step);
		return (count != null) ? count.get() : 0;
	}

	/** {@code string.transform}: Attune's example action, {text, uppercase} to {text}. */
	@DurableAction(name = "string.transform")
	static class Transform implements Action<Map<String, Object>, Map<String, Object>> {

		@Override
		public Map<String, Object> execute(ActionContext context, Map<String, Object> input) {
			String text = String.valueOf(input.get("text"));
			return Map.of("text", Boolean.TRUE.equals(input.get("uppercase")) ? text.toUpperCase() : text);
		}

	}

	/** {@code test.count}: counts its calls; its input back, with {@code size}. */
	@DurableAction(name = "test.count")
	static class Count implements Action<Map<String, Object>, Map<String, Object>> {

		@Override
		public Map<String, Object> execute(ActionContext context, Map<String, Object> input) {
			calls.computeIfAbsent(context.runId() + "/" + context.stepName(), (k) -> new AtomicInteger())
				.incrementAndGet();
			return input;
		}

	}

	/**
	 * {@code test.fail}: fails with code {@code broken} when its input's {@code fail} is
	 * true (permanent), or when {@code failUntil} is above the attempt (retryable).
	 */
	@DurableAction(name = "test.fail")
	static class Fail implements Action<Map<String, Object>, Map<String, Object>> {

		@Override
		public Map<String, Object> execute(ActionContext context, Map<String, Object> input) {
			calls.computeIfAbsent(context.runId() + "/" + context.stepName(), (k) -> new AtomicInteger())
				.incrementAndGet();
			if (Boolean.TRUE.equals(input.get("fail"))) {
				throw StepError.permanent("broken", "broken on purpose: " + input);
			}
			if (input.get("failUntil") instanceof Number until && context.attempt() < until.intValue()) {
				throw StepError.retryable("flaky", "attempt " + context.attempt());
			}
			return Map.of("ok", true, "attempt", context.attempt(), "items", List.of());
		}

	}

	/**
	 * {@code test.hold}: holds for {@code millis}, counting how many holds overlap and
	 * which bean (one per application context) ran each.
	 */
	@DurableAction(name = "test.hold")
	static class Hold implements Action<Map<String, Object>, Map<String, Object>> {

		static final AtomicInteger running = new AtomicInteger();

		static final AtomicInteger peak = new AtomicInteger();

		static final Map<Integer, AtomicInteger> byInstance = new ConcurrentHashMap<>();

		@Override
		public Map<String, Object> execute(ActionContext context, Map<String, Object> input) throws Exception {
			int now = running.incrementAndGet();
			peak.accumulateAndGet(now, Math::max);
			byInstance.computeIfAbsent(System.identityHashCode(this), (k) -> new AtomicInteger()).incrementAndGet();
			try {
				Thread.sleep(((Number) input.get("millis")).longValue());
			}
			finally {
				running.decrementAndGet();
			}
			return Map.of("item", input.get("item"));
		}

	}

}
