package io.durableflow.autoconfigure;

import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import io.durableflow.DurableFlow;
import io.durableflow.change.ChangeRecorder;
import io.durableflow.dispatch.Housekeeping;
import io.durableflow.execution.StepInvoker;
import io.durableflow.json.WorkflowJson;
import io.durableflow.store.commit.FencedWriter;
import io.durableflow.store.commit.FinishedRunNotifier;
import io.durableflow.store.commit.GroupCommit;
import io.durableflow.store.commit.RunWrites;
import io.durableflow.store.jpa.DurableFlowRepositories;
import io.durableflow.store.schema.DurableFlowSchema;
import jakarta.persistence.EntityManagerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * DurableFlow's engine: its schema, the workflow registry, the {@link DurableFlow} bean
 * and the scheduler, on the application's single PostgreSQL {@link DataSource}.
 * <p>
 * The beans are declared by part: {@link DurableFlowStoreConfiguration} (the change
 * stream and the stores that read and write runs), {@link DurableFlowEngineConfiguration}
 * (the workflow registry and what starts and executes runs) and
 * {@link DurableFlowSchedulerConfiguration} (wake-ups and the workers). Declared here:
 * what the parts share, and the beans with a lifecycle of their own. Every bean backs off
 * to a user's bean of its type.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
		"org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
		"org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration" })
@ConditionalOnClass({ JdbcTemplate.class, org.postgresql.Driver.class })
@ConditionalOnSingleCandidate(DataSource.class)
@ConditionalOnBooleanProperty(name = "durableflow.enabled", matchIfMissing = true)
@EnableConfigurationProperties(DurableFlowProperties.class)
@Import({ DurableFlowStoreConfiguration.class, DurableFlowEngineConfiguration.class,
		DurableFlowDefinitionsConfiguration.class, DurableFlowStepGraphConfiguration.class,
		DurableFlowSchedulerConfiguration.class, DurableFlowArtifactsConfiguration.class,
		DurableFlowAutoConfiguration.JpaReadSideConfiguration.class })
public final class DurableFlowAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	DurableFlowSchema durableFlowSchema(DataSource dataSource) {
		return new DurableFlowSchema(dataSource);
	}

	/**
	 * Not a default candidate: a host's own {@code Clock} bean stays the one injected by
	 * type.
	 */
	@Bean(defaultCandidate = false)
	@ConditionalOnMissingBean(name = "durableFlowClock")
	Clock durableFlowClock() {
		return Clock.systemUTC();
	}

	@Bean
	@ConditionalOnMissingBean
	WorkflowJson durableFlowJson(ObjectProvider<JsonMapper> jsonMapper) {
		return new WorkflowJson(jsonMapper.getIfAvailable(JsonMapper::new));
	}

	// The beans whose threads start with the context and stop when it closes, side by
	// side (the scheduler, the other one, is in its own part): the writer, housekeeping,
	// timed steps.

	@Bean
	@ConditionalOnMissingBean
	GroupCommit durableFlowGroupCommit(DataSource dataSource, FencedWriter writer, RunWrites runs,
			FinishedRunNotifier finished, ChangeRecorder changes, WorkflowJson json, DurableFlowProperties properties) {
		return new GroupCommit(writer, runs, finished, new JdbcTemplate(dataSource),
				new TransactionTemplate(new DataSourceTransactionManager(dataSource)), changes, json,
				properties.getWriter().getBatchSize(), properties.getWriter().getThreads());
	}

	@Bean
	@ConditionalOnMissingBean
	Housekeeping durableFlowHousekeeping(FinishedRunNotifier finished, @Qualifier("durableFlowClock") Clock clock) {
		return new Housekeeping(finished, clock, Duration.ofSeconds(10));
	}

	@Bean
	@ConditionalOnMissingBean
	StepInvoker durableFlowStepInvoker() {
		return new StepInvoker();
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
