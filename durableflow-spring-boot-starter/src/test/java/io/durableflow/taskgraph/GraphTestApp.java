package io.durableflow.taskgraph;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.durableflow.StepError;
import io.durableflow.action.Action;
import io.durableflow.action.ActionContext;
import io.durableflow.action.DurableAction;
import io.durableflow.definition.WorkflowRegistry;
import io.durableflow.definition.stored.DefinitionStore;
import io.durableflow.definition.stored.StoredDefinition;
import io.durableflow.definition.yaml.DefinitionParser;
import io.durableflow.definition.yaml.ParsedDefinition;
import io.durableflow.testing.EnableDurableFlowTesting;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The host of the task-graph tests: test actions (stored definitions are offered to the
 * registry by the starter, run by the task-graph executor).
 */
@SpringBootApplication
@EnableDurableFlowTesting
public class GraphTestApp {

	/**
	 * This application on the database at {@code url}, without packs, with more
	 * {@code properties} ({@code name=value}).
	 */
	static ConfigurableApplicationContext start(String url, String... properties) {
		List<String> args = new java.util.ArrayList<>(List.of("--spring.datasource.url=" + url,
				"--durableflow.definitions.locations=classpath:no-packs-here/", "--spring.main.banner-mode=off",
				"--logging.level.root=WARN",
				// the queue of StepGraphTestWorkflows.Laneds
				"--durableflow.queues.lane.concurrency=4"));
		for (String property : properties) {
			args.add("--" + property);
		}
		return new SpringApplicationBuilder(GraphTestApp.class).web(WebApplicationType.NONE)
			.run(args.toArray(String[]::new));
	}

	/**
	 * Registers {@code yaml}, which must have no problem, and refreshes the registries of
	 * {@code contexts} (the first registers).
	 */
	static void register(String yaml, ConfigurableApplicationContext... contexts) {
		ParsedDefinition parsed = contexts[0].getBean(DefinitionParser.class).parse("test.yaml", yaml);
		assertThat(parsed.errors()).as("problems of the test definition").isEmpty();
		contexts[0].getBean(DefinitionStore.class)
			.register(parsed.model(), yaml, parsed.checksum(), StoredDefinition.API, null, Instant.now());
		for (ConfigurableApplicationContext context : contexts) {
			context.getBean(WorkflowRegistry.class).refresh();
		}
	}

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
				// "instances": hold on (up to 10 s) until holds began on that many
				// instances, so that one instance cannot finish them all before another
				// claims one
				Object instances = input.get("instances");
				long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
				while (instances != null && byInstance.size() < ((Number) instances).intValue()
						&& System.nanoTime() < until) {
					Thread.sleep(20);
				}
				Thread.sleep(((Number) input.get("millis")).longValue());
			}
			finally {
				running.decrementAndGet();
			}
			return Map.of("item", input.get("item"));
		}

	}

}
