package io.durableflow.autoconfigure;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Clock;
import java.util.UUID;

import javax.sql.DataSource;

import io.durableflow.DurableFlow;
import io.durableflow.engine.DefaultDurableFlow;
import io.durableflow.engine.EngineSupport;
import io.durableflow.engine.WorkflowExecutor;
import io.durableflow.engine.WorkflowRegistry;
import io.durableflow.json.WorkflowJson;
import io.durableflow.persistence.DurableFlowSchema;
import io.durableflow.persistence.RunStore;
import io.durableflow.persistence.jpa.DurableFlowRepositories;
import io.durableflow.scheduler.DurableFlowScheduler;
import io.durableflow.scheduler.SchedulerSettings;
import io.durableflow.scheduler.WakeChannel;
import jakarta.persistence.EntityManagerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * DurableFlow's engine: its schema, the workflow registry, the {@link DurableFlow} bean and the
 * scheduler, on the application's single PostgreSQL {@link DataSource}.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
		"org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
		"org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration" })
@ConditionalOnClass({ JdbcTemplate.class, org.postgresql.Driver.class })
@ConditionalOnSingleCandidate(DataSource.class)
@ConditionalOnBooleanProperty(name = "durableflow.enabled", matchIfMissing = true)
@EnableConfigurationProperties(DurableFlowProperties.class)
public final class DurableFlowAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	DurableFlowSchema durableFlowSchema(DataSource dataSource) {
		return new DurableFlowSchema(dataSource);
	}

	@Bean
	@ConditionalOnMissingBean(name = "durableFlowClock")
	Clock durableFlowClock() {
		return Clock.systemUTC();
	}

	@Bean
	@ConditionalOnMissingBean
	WorkflowJson durableFlowJson(ObjectProvider<JsonMapper> jsonMapper) {
		return new WorkflowJson(jsonMapper.getIfAvailable(JsonMapper::new));
	}

	@Bean
	@ConditionalOnMissingBean
	RunStore durableFlowRunStore(DataSource dataSource, DurableFlowSchema schema) {
		return new RunStore(new JdbcTemplate(dataSource));
	}

	@Bean
	@ConditionalOnMissingBean
	WorkflowRegistry durableFlowWorkflowRegistry(ListableBeanFactory beanFactory, WorkflowJson json) {
		return new WorkflowRegistry(beanFactory, json);
	}

	@Bean
	@ConditionalOnMissingBean
	WakeChannel durableFlowWakeChannel(DataSource dataSource) {
		return new WakeChannel(dataSource, instanceId());
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	EngineSupport durableFlowEngineSupport(RunStore store, WorkflowJson json,
			@org.springframework.beans.factory.annotation.Qualifier("durableFlowClock") Clock clock,
			DurableFlowProperties properties) {
		return new EngineSupport(store, json, clock, properties.getLease().getTtl());
	}

	@Bean
	@ConditionalOnMissingBean
	WorkflowExecutor durableFlowWorkflowExecutor(WorkflowRegistry registry, EngineSupport support) {
		return new WorkflowExecutor(registry, support);
	}

	@Bean
	@ConditionalOnMissingBean(DurableFlow.class)
	DefaultDurableFlow durableFlow(WorkflowRegistry registry, RunStore store, WorkflowJson json,
			@org.springframework.beans.factory.annotation.Qualifier("durableFlowClock") Clock clock, WakeChannel wake,
			ObjectProvider<DurableFlowRepositories> repositories) {
		return new DefaultDurableFlow(registry, store, json, clock, wake, repositories);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "durableflow.worker.enabled", matchIfMissing = true)
	DurableFlowScheduler durableFlowScheduler(RunStore store, WorkflowExecutor executor, WakeChannel wake,
			@org.springframework.beans.factory.annotation.Qualifier("durableFlowClock") Clock clock,
			DurableFlowProperties properties) {
		DurableFlowProperties.Worker worker = properties.getWorker();
		return new DurableFlowScheduler(store, executor, wake, clock,
				new SchedulerSettings(wake.instanceId(), worker.getConcurrency(), worker.getPollInterval(),
						properties.getLease().getTtl(), worker.getShutdownTimeout()));
	}

	private static String instanceId() {
		String host;
		try {
			host = InetAddress.getLocalHost().getHostName();
		}
		catch (Exception ex) {
			host = "unknown-host";
		}
		String id = host + ":" + ManagementFactory.getRuntimeMXBean().getPid() + ":"
				+ UUID.randomUUID().toString().substring(0, 8);
		return id.replaceAll("[^A-Za-z0-9._:-]", "_");
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(EntityManagerFactory.class)
	@ConditionalOnSingleCandidate(EntityManagerFactory.class)
	static class JpaReadSideConfiguration {

		@Bean
		@ConditionalOnMissingBean
		DurableFlowRepositories durableFlowRepositories(EntityManagerFactory entityManagerFactory) {
			return new DurableFlowRepositories(entityManagerFactory);
		}

	}

}
