package io.durableflow.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import io.durableflow.ChangeListener;
import io.durableflow.DurableFlow;
import io.durableflow.DurableWorkflow;
import io.durableflow.StartOptions;
import io.durableflow.Workflow;
import io.durableflow.WorkflowChange;
import io.durableflow.WorkflowContext;
import io.durableflow.change.ApplicationEventChangeListener;
import io.durableflow.metrics.DurableFlowMetrics;
import io.durableflow.test.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every {@link ChangeListener} bean hears of committed changes, in its order, whoever
 * declared it.
 */
class ChangeListenerBeansTests {

	private static final String URL = TestDatabase.newDatabase();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, JacksonAutoConfiguration.class,
				DurableFlowAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=" + URL, "durableflow.worker.poll-interval=100ms")
		.withBean(Echo.class);

	@Test
	void aUserChangeListenerBeanHearsOfEveryCommittedChangeOfARun() {
		this.runner.withUserConfiguration(OneListener.class).run((context) -> {
			String runId = runToCompletion(context);
			Heard heard = context.getBean(Heard.class);
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(heard.typesOf(runId)).startsWith("workflow_run.created")
					.endsWith("workflow_run.updated:completed"));
		});
	}

	@Test
	void listenerBeansAreCalledInTheirOrder() {
		this.runner.withUserConfiguration(OrderedListeners.class).run((context) -> {
			runToCompletion(context);
			List<String> calls = context.getBean(Calls.class).names;
			await().atMost(Duration.ofSeconds(5)).until(() -> calls.size() >= 4);
			// each batch goes to the first listener, then to the second, though declared
			// the other way round
			for (int i = 0; i + 1 < calls.size(); i += 2) {
				assertThat(calls.subList(i, i + 2)).containsExactly("first", "second");
			}
		});
	}

	@Test
	void aListenerBeanMayDependOnTheEngineItListensTo() {
		this.runner.withUserConfiguration(ListenerNeedingTheEngine.class).run((context) -> {
			assertThat(context).hasNotFailed();
			String runId = runToCompletion(context);
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(context.getBean(Heard.class).typesOf(runId))
					.contains("workflow_run.updated:completed"));
		});
	}

	@Test
	void aUserMetricsBeanReplacesOursAndHearsOfChanges() {
		SimpleMeterRegistry mine = new SimpleMeterRegistry();
		this.runner.withConfiguration(AutoConfigurations.of(DurableFlowMetricsAutoConfiguration.class))
			.withBean(SimpleMeterRegistry.class)
			.withBean("myMetrics", DurableFlowMetrics.class, () -> new DurableFlowMetrics(mine))
			.run((context) -> {
				assertThat(context).getBean(DurableFlowMetrics.class).isSameAs(context.getBean("myMetrics"));
				runToCompletion(context);
				await().atMost(Duration.ofSeconds(5))
					.untilAsserted(() -> assertThat(mine.find("durableflow.runs.finished")
						.tags("workflow", "echo", "status", "completed")
						.counter()).isNotNull());
			});
	}

	@Test
	void springApplicationEventsAreABeanOfTheirOwnWhileLiveChangesAreOn() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(ApplicationEventChangeListener.class));
		this.runner.withPropertyValues("durableflow.live.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ApplicationEventChangeListener.class));
		ApplicationEventChangeListener mine = new ApplicationEventChangeListener((event) -> {
		});
		this.runner.withBean("mine", ApplicationEventChangeListener.class, () -> mine)
			.run((context) -> assertThat(context).getBean(ApplicationEventChangeListener.class).isSameAs(mine));
	}

	/**
	 * Starts a run and waits for it to complete (read with JDBC: these contexts have no
	 * JPA read side).
	 */
	private static String runToCompletion(AssertableApplicationContext context) {
		String runId = context.getBean(DurableFlow.class).start("echo", "hello", StartOptions.defaults()).runId();
		JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> jdbc.queryForObject("SELECT status FROM durableflow.workflow_runs WHERE run_id = ?",
					String.class, runId), "completed"::equals);
		return runId;
	}

	@DurableWorkflow(name = "echo")
	static class Echo implements Workflow<String, String> {

		@Override
		public String run(WorkflowContext flow, String input) {
			return flow.step("echo", String.class, () -> input);
		}

	}

	/**
	 * What a listener heard, as {@code type} for a creation and {@code type:status} for a
	 * run's update.
	 */
	static class Heard implements ChangeListener {

		private final List<WorkflowChange> changes = new CopyOnWriteArrayList<>();

		@Override
		public void onChanges(List<WorkflowChange> changes) {
			this.changes.addAll(changes);
		}

		List<String> typesOf(String runId) {
			return this.changes.stream()
				.filter((change) -> runId.equals(change.runId()) && change.isRunLevel())
				.map((change) -> change.type().endsWith(".updated")
						? change.type() + ":" + change.snapshot().get("status") : change.type())
				.toList();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OneListener {

		@Bean
		Heard heard() {
			return new Heard();
		}

	}

	static class Calls {

		final List<String> names = new CopyOnWriteArrayList<>();

	}

	@Configuration(proxyBeanMethods = false)
	static class OrderedListeners {

		@Bean
		Calls calls() {
			return new Calls();
		}

		@Bean
		@Order(2)
		ChangeListener second(Calls calls) {
			return (changes) -> calls.names.add("second");
		}

		@Bean
		@Order(1)
		ChangeListener first(Calls calls) {
			return (changes) -> calls.names.add("first");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ListenerNeedingTheEngine {

		@Bean
		Heard heard(DurableFlow flow) {
			assertThat(flow).isNotNull();
			return new Heard();
		}

	}

}
