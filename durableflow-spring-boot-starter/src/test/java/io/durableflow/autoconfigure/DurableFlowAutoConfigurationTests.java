package io.durableflow.autoconfigure;

import java.util.List;

import javax.sql.DataSource;

import io.durableflow.DurableFlow;
import io.durableflow.DurableWorkflow;
import io.durableflow.Workflow;
import io.durableflow.WorkflowContext;
import io.durableflow.definition.WorkflowRegistry;
import io.durableflow.live.ChangeFanout;
import io.durableflow.change.ChangeRecorder;
import io.durableflow.live.LiveSubscriptionTracker;
import io.durableflow.live.StompChangePublisher;
import io.durableflow.metrics.DurableFlowGauges;
import io.durableflow.metrics.DurableFlowMetrics;
import io.durableflow.notify.WakeChannel;
import io.durableflow.store.RunCounts;
import io.durableflow.store.schema.DurableFlowSchema;
import io.durableflow.store.commit.GroupCommit;
import io.durableflow.store.jpa.DurableFlowRepositories;
import io.durableflow.dispatch.DurableFlowScheduler;
import io.durableflow.test.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.messaging.simp.SimpMessageSendingOperations;
import org.springframework.web.socket.messaging.SessionSubscribeEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

class DurableFlowAutoConfigurationTests {

	private static final String URL = TestDatabase.newDatabase();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, JacksonAutoConfiguration.class,
				DurableFlowAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=" + URL);

	@Test
	void byDefaultTheEngineTheRegistryTheSchemaAndTheSchedulerAreThere() {
		this.runner.run((context) -> assertThat(context).hasNotFailed()
			.hasSingleBean(DurableFlow.class)
			.hasSingleBean(WorkflowRegistry.class)
			.hasSingleBean(DurableFlowSchema.class)
			.hasSingleBean(DurableFlowScheduler.class)
			.hasBean("durableFlowClock")
			// no JPA in this context: the read side backs off, the engine does not
			.doesNotHaveBean(DurableFlowRepositories.class));
	}

	@Test
	void theSchedulerIsRunningAfterStartUp() {
		this.runner.run((context) -> assertThat(context.getBean(DurableFlowScheduler.class).isRunning()).isTrue());
	}

	@Test
	void aUserDurableFlowBeanReplacesOurs() {
		DurableFlow mine = mock(DurableFlow.class);
		this.runner.withBean("myFlow", DurableFlow.class, () -> mine)
			.run((context) -> assertThat(context).getBean(DurableFlow.class).isSameAs(mine));
	}

	@Test
	void userBeansReplaceOursInEveryPartOfTheEngine() {
		RunCounts counts = mock(RunCounts.class);
		WorkflowRegistry registry = new WorkflowRegistry(List.of());
		this.runner.withBean("myCounts", RunCounts.class, () -> counts)
			.withBean("myRegistry", WorkflowRegistry.class, () -> registry)
			.withBean("myWakeChannel", WakeChannel.class,
					() -> new WakeChannel(new SimpleDriverDataSource(new org.postgresql.Driver(), URL), "mine"))
			.run((context) -> {
				assertThat(context).hasNotFailed().getBean(RunCounts.class).isSameAs(counts);
				assertThat(context).getBean(WorkflowRegistry.class).isSameAs(registry);
				assertThat(context).getBean(WakeChannel.class).isSameAs(context.getBean("myWakeChannel"));
				assertThat(context).hasSingleBean(DurableFlow.class).hasSingleBean(DurableFlowScheduler.class);
			});
	}

	@Test
	void enabledFalseSwitchesEverythingOff() {
		this.runner.withPropertyValues("durableflow.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(DurableFlow.class)
				.doesNotHaveBean(DurableFlowSchema.class));
	}

	@Test
	void workerEnabledFalseKeepsTheApiButRunsNoScheduler() {
		this.runner.withPropertyValues("durableflow.worker.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(DurableFlow.class)
				.doesNotHaveBean(DurableFlowScheduler.class));
	}

	@Test
	void withoutThePostgresDriverNothingIsConfigured() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(JacksonAutoConfiguration.class, DurableFlowAutoConfiguration.class))
			.withBean(DataSource.class, () -> new SimpleDriverDataSource(new org.postgresql.Driver(), URL))
			.withClassLoader(new FilteredClassLoader(org.postgresql.Driver.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(DurableFlow.class));
	}

	@Test
	void withTwoDataSourcesAndNoPrimaryItBacksOff() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(JacksonAutoConfiguration.class, DurableFlowAutoConfiguration.class))
			.withUserConfiguration(TwoDataSources.class)
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(DurableFlow.class));
	}

	@Test
	void twoWorkflowsWithOneNameFailStartUpNamingBothBeans() {
		this.runner.withUserConfiguration(DuplicateWorkflows.class)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasMessageContaining("Two workflows are named 'twin'")
				.hasMessageContaining("'firstTwin'")
				.hasMessageContaining("'secondTwin'"));
	}

	@Test
	void aDurableWorkflowThatIsNotAWorkflowFailsStartUp() {
		this.runner.withUserConfiguration(NotAWorkflowConfiguration.class)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasMessageContaining("implements neither io.durableflow.Workflow nor io.durableflow.GraphWorkflow"));
	}

	@Test
	void propertiesBindToTheScheduler() {
		this.runner.withPropertyValues("durableflow.worker.concurrency=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("durableflow.worker.concurrency must be at least 1"));
	}

	@Test
	void groupCommitIsOnByDefaultAndItsPropertiesAreChecked() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(GroupCommit.class));
		this.runner.withPropertyValues("durableflow.writer.batch-size=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("durableflow.writer.batch-size must be at least 1, was 0"));
		this.runner.withPropertyValues("durableflow.writer.threads=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("durableflow.writer.threads must be at least 1, was 0"));
	}

	@Test
	void liveChangesGoToStompWhenSpringMessagingIsThereAndToSpringEventsAlways() {
		ApplicationContextRunner live = this.runner
			.withConfiguration(AutoConfigurations.of(DurableFlowLiveAutoConfiguration.class));
		live.run((context) -> assertThat(context).hasSingleBean(StompChangePublisher.class)
			.hasSingleBean(ChangeFanout.class));
		live.withClassLoader(new FilteredClassLoader(SimpMessageSendingOperations.class)).run((context) -> {
			assertThat(context).doesNotHaveBean(StompChangePublisher.class);
			assertThat(context.getBean(ChangeRecorder.class).hasListeners()).isTrue();
		});
		live.withPropertyValues("durableflow.live.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(StompChangePublisher.class);
			assertThat(context.getBean(ChangeRecorder.class).hasListeners()).isFalse();
		});
	}

	@Test
	void stompSubscriptionsAreCountedWhenSpringWebSocketIsThere() {
		ApplicationContextRunner live = this.runner
			.withConfiguration(AutoConfigurations.of(DurableFlowLiveAutoConfiguration.class));
		live.run((context) -> assertThat(context).hasSingleBean(LiveSubscriptionTracker.class));
		live.withClassLoader(new FilteredClassLoader(SessionSubscribeEvent.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(StompChangePublisher.class)
				.doesNotHaveBean(LiveSubscriptionTracker.class));
		live.withPropertyValues("durableflow.live.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(LiveSubscriptionTracker.class));
	}

	@Test
	void metricsNeedMicrometerAndCanBeSwitchedOff() {
		ApplicationContextRunner metrics = this.runner
			.withConfiguration(AutoConfigurations.of(DurableFlowMetricsAutoConfiguration.class))
			.withBean(SimpleMeterRegistry.class);
		metrics.run((context) -> assertThat(context).hasSingleBean(DurableFlowMetrics.class)
			.hasSingleBean(DurableFlowGauges.class));
		metrics.withPropertyValues("durableflow.metrics.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(DurableFlowMetrics.class));
		this.runner.withConfiguration(AutoConfigurations.of(DurableFlowMetricsAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(DurableFlowMetrics.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class TwoDataSources {

		@Bean
		DataSource first() {
			return new SimpleDriverDataSource(new org.postgresql.Driver(), URL);
		}

		@Bean
		DataSource second() {
			return new SimpleDriverDataSource(new org.postgresql.Driver(), URL);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class DuplicateWorkflows {

		@Bean
		Twin firstTwin() {
			return new Twin();
		}

		@Bean
		Twin secondTwin() {
			return new Twin();
		}

	}

	@DurableWorkflow(name = "twin")
	static class Twin implements Workflow<String, String> {

		@Override
		public String run(WorkflowContext flow, String input) {
			return input;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class NotAWorkflowConfiguration {

		@Bean
		NotAWorkflow notAWorkflow() {
			return new NotAWorkflow();
		}

	}

	@DurableWorkflow(name = "nope")
	static class NotAWorkflow {

	}

}
