package io.durableflow.definition;

import java.time.Duration;
import java.util.List;

import io.durableflow.DurableFlow;
import io.durableflow.DurableWorkflow;
import io.durableflow.RunStatus;
import io.durableflow.StartOptions;
import io.durableflow.Workflow;
import io.durableflow.WorkflowContext;
import io.durableflow.WorkflowDefinitionView;
import io.durableflow.WorkflowRunView;
import io.durableflow.autoconfigure.DurableFlowAutoConfiguration;
import io.durableflow.it.Contexts;
import io.durableflow.json.WorkflowJson;
import io.durableflow.test.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registry is composed of every {@link DefinitionSource} bean,
 * {@code @DurableWorkflow} beans among them.
 */
class DefinitionSourceTests {

	@Test
	void aWorkflowOfAUserDefinitionSourceStartsAndRunsToCompletion() {
		try (ConfigurableApplicationContext context = Contexts.start(new Class<?>[] { ShoutingDefinitions.class },
				TestDatabase.newDatabase())) {
			DurableFlow flow = context.getBean(DurableFlow.class);
			String runId = flow.start("shout", "hello", StartOptions.defaults()).runId();
			WorkflowRunView run = Contexts.awaitStatus(flow, runId, RunStatus.COMPLETED, Duration.ofSeconds(10));
			assertThat(run.output(String.class)).isEqualTo("HELLO!");
			assertThat(flow.timeline(runId).steps()).extracting((step) -> step.name()).containsExactly("shout");
			WorkflowRegistry registry = context.getBean(WorkflowRegistry.class);
			assertThat(registry.byName("shout").version()).isEqualTo(7);
			// the @DurableWorkflow beans of the host are still there, as version 1
			assertThat(registry.byName("three-steps").version()).isEqualTo(BeanDefinitionSource.VERSION);
			assertThat(registry.byName("three-steps").origin()).startsWith("bean '");
			// as the API shows them: the source's own version, none for a bean (its
			// version is its deployment)
			assertThat(flow.definitions())
				.contains(new WorkflowDefinitionView("shout", "test", 7, "java.lang.String", "java.lang.String"))
				.filteredOn((definition) -> definition.name().equals("three-steps"))
				.singleElement()
				.satisfies((definition) -> assertThat(definition.version()).isNull())
				.satisfies((definition) -> assertThat(definition.source()).isEqualTo(WorkflowDefinitionView.BEAN));
		}
	}

	@Test
	void aNameOfferedByTwoSourcesFailsStartUpNamingBothOrigins() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, JacksonAutoConfiguration.class,
					DurableFlowAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=" + TestDatabase.newDatabase(),
					"durableflow.worker.enabled=false")
			.withUserConfiguration(ShoutingDefinitions.class)
			.withBean("loudBean", Loud.class)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasMessageContaining("Two workflows are named 'shout'")
				.hasMessageContaining("bean 'loudBean' (" + Loud.class.getName() + ")")
				.hasMessageContaining("the shouting definitions of DefinitionSourceTests"));
	}

	@Configuration(proxyBeanMethods = false)
	static class ShoutingDefinitions {

		@Bean
		DefinitionSource shoutingDefinitions(WorkflowJson json) {
			Workflow<Object, Object> shout = (flow, input) -> flow.step("shout", String.class,
					() -> input.toString().toUpperCase() + "!");
			return () -> List
				.of(new WorkflowDefinition("shout", 7, "test", "the shouting definitions of DefinitionSourceTests",
						shout, shout.getClass(), json.type(String.class), json.type(String.class)));
		}

	}

	@DurableWorkflow(name = "shout")
	static class Loud implements Workflow<String, String> {

		@Override
		public String run(WorkflowContext flow, String input) {
			return input;
		}

	}

}
