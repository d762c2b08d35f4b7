package io.durableflow.autoconfigure;

import java.util.List;

import io.durableflow.DurableFlow;
import io.durableflow.metrics.DurableFlowMetrics;
import io.durableflow.metrics.TutorialMetrics;
import io.durableflow.store.TutorialStore;
import io.durableflow.test.TestDatabase;
import io.durableflow.tutorials.Tutorial;
import io.durableflow.tutorials.TutorialCatalog;
import io.durableflow.tutorials.Tutorials;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

class DurableFlowTutorialsAutoConfigurationTests {

	private static final String URL = TestDatabase.newDatabase();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, JacksonAutoConfiguration.class,
				DurableFlowAutoConfiguration.class, DurableFlowTutorialsAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=" + URL, "durableflow.worker.enabled=false");

	@Test
	void byDefaultTutorialsAreOfferedFromAnEmptyCatalog() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(Tutorials.class)
				.hasSingleBean(TutorialStore.class)
				.hasSingleBean(TutorialCatalog.class);
			assertThat(context.getBean(TutorialCatalog.class).tutorials()).isEmpty();
			assertThat(context.getBean(Tutorials.class).maxActivePerUser()).isEqualTo(3);
		});
	}

	@Test
	void tutorialsEnabledFalseLeavesTutorialsOutAndTheEngineIn() {
		this.runner.withPropertyValues("durableflow.tutorials.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(DurableFlow.class)
				.doesNotHaveBean(Tutorials.class)
				.doesNotHaveBean(TutorialStore.class)
				.doesNotHaveBean(TutorialCatalog.class));
	}

	@Test
	void withoutTheEngineThereAreNoTutorials() {
		this.runner.withPropertyValues("durableflow.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(Tutorials.class));
	}

	@Test
	void aUserCatalogReplacesTheEmptyOne() {
		TutorialCatalog mine = () -> List.of(new Tutorial("intro", "Intro", "intro-workflow"));
		this.runner.withBean("myCatalog", TutorialCatalog.class, () -> mine).run((context) -> {
			assertThat(context).getBean(TutorialCatalog.class).isSameAs(mine);
			assertThat(context.getBean(Tutorials.class).catalog()).isSameAs(mine);
		});
	}

	@Test
	void userBeansReplaceOurTutorialsAndTheirStore() {
		Tutorials tutorials = mock(Tutorials.class);
		TutorialStore store = mock(TutorialStore.class);
		this.runner.withBean("myTutorials", Tutorials.class, () -> tutorials)
			.withBean("myTutorialStore", TutorialStore.class, () -> store)
			.run((context) -> {
				assertThat(context).getBean(Tutorials.class).isSameAs(tutorials);
				assertThat(context).getBean(TutorialStore.class).isSameAs(store);
			});
	}

	@Test
	void tutorialMetersComeAndGoWithTutorials() {
		ApplicationContextRunner metrics = this.runner
			.withConfiguration(AutoConfigurations.of(DurableFlowMetricsAutoConfiguration.class))
			.withBean(SimpleMeterRegistry.class);
		metrics.run((context) -> assertThat(context).hasSingleBean(TutorialMetrics.class));
		metrics.withPropertyValues("durableflow.tutorials.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(DurableFlowMetrics.class)
				.doesNotHaveBean(TutorialMetrics.class));
	}

}
