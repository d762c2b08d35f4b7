package io.durableflow.host;

import java.time.Duration;

import io.durableflow.DurableFlow;
import io.durableflow.RunStatus;
import io.durableflow.StartOptions;
import io.durableflow.WorkflowRunView;
import io.durableflow.hostscan.EntityScanConfiguration;
import io.durableflow.test.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The starter lives beside a host's own Flyway migrations and Spring Data repositories
 * without switching either off, and its tables pass Hibernate's
 * {@code ddl-auto=validate}.
 */
class HostApplicationTests {

	@Test
	void theHostsMigrationsRepositoriesAndDurableFlowAllWork() {
		try (ConfigurableApplicationContext context = start(HostApp.class)) {
			assertHostAndDurableFlowWork(context);
		}
	}

	@Test
	void aHostWithItsOwnEntityScanStillGetsDurableFlowsEntities() {
		try (ConfigurableApplicationContext context = start(HostApp.class, EntityScanConfiguration.class)) {
			assertHostAndDurableFlowWork(context);
		}
	}

	private static void assertHostAndDurableFlowWork(ConfigurableApplicationContext context) {
		assertThat(context.getBean(HostApp.ClockUser.class).clock()).isSameAs(context.getBean("hostClock"));
		JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
		assertThat(jdbc.queryForList("SELECT version FROM public.flyway_schema_history WHERE success", String.class))
			.containsExactly("1");
		assertThat(jdbc.queryForList(
				"SELECT version FROM durableflow.durableflow_schema_history WHERE success AND version IS NOT NULL",
				String.class))
			.contains("1");
		CustomerRepository customers = context.getBean(CustomerRepository.class);
		customers.save(new Customer("ada@example.com"));
		assertThat(customers.findByEmail("ada@example.com")).isPresent();

		DurableFlow flow = context.getBean(DurableFlow.class);
		String runId = flow.start("welcome", "grace@example.com", StartOptions.defaults()).runId();
		await().atMost(Duration.ofSeconds(20))
			.until(() -> flow.find(runId).map(WorkflowRunView::status).orElse(null) == RunStatus.COMPLETED);
		Long id = flow.find(runId).orElseThrow().output(Long.class);
		assertThat(customers.findById(id)).get().extracting(Customer::getEmail).isEqualTo("grace@example.com");
	}

	private static ConfigurableApplicationContext start(Class<?>... sources) {
		return new SpringApplicationBuilder(sources).web(WebApplicationType.NONE)
			.run("--spring.datasource.url=" + TestDatabase.newDatabase(), "--spring.jpa.hibernate.ddl-auto=validate",
					"--spring.main.banner-mode=off", "--durableflow.worker.poll-interval=200ms");
	}

}
