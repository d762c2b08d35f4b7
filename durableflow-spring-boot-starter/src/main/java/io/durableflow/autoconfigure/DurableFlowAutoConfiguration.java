package io.durableflow.autoconfigure;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import javax.sql.DataSource;

import io.durableflow.ChangeListener;
import io.durableflow.DurableFlow;
import io.durableflow.engine.DefaultDurableFlow;
import io.durableflow.store.commit.EngineSupport;
import io.durableflow.start.RunStarter;
import io.durableflow.store.TimelineReader;
import io.durableflow.execution.WorkflowExecutor;
import io.durableflow.definition.BeanDefinitionSource;
import io.durableflow.definition.DefinitionSource;
import io.durableflow.definition.WorkflowRegistry;
import io.durableflow.json.WorkflowJson;
import io.durableflow.change.ApplicationEventChangeListener;
import io.durableflow.change.ChangeRecorder;
import io.durableflow.store.schema.DurableFlowSchema;
import io.durableflow.store.commit.EventStore;
import io.durableflow.store.commit.FencedWriter;
import io.durableflow.store.commit.GroupCommit;
import io.durableflow.store.commit.FinishedRunNotifier;
import io.durableflow.store.commit.RunWrites;
import io.durableflow.store.commit.WaitWrites;
import io.durableflow.execution.StepInvoker;
import io.durableflow.store.commit.OperatorStore;
import io.durableflow.store.RunCounts;
import io.durableflow.store.RunStore;
import io.durableflow.store.jpa.DurableFlowRepositories;
import io.durableflow.dispatch.DurableFlowScheduler;
import io.durableflow.dispatch.Housekeeping;
import io.durableflow.dispatch.SchedulerSettings;
import io.durableflow.notify.WakeChannel;
import jakarta.persistence.EntityManagerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

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

	/** Not a default candidate: a host's own {@code Clock} bean stays the one injected by type. */
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

	@Bean
	@ConditionalOnMissingBean
	RunStore durableFlowRunStore(DataSource dataSource, DurableFlowSchema schema) {
		return new RunStore(new JdbcTemplate(dataSource));
	}

	@Bean
	@ConditionalOnMissingBean
	RunWrites durableFlowRunWrites(DataSource dataSource, DurableFlowSchema schema, ChangeRecorder changes) {
		return new RunWrites(new JdbcTemplate(dataSource), changes);
	}

	@Bean
	@ConditionalOnMissingBean
	WaitWrites durableFlowWaitWrites(DataSource dataSource, DurableFlowSchema schema, ChangeRecorder changes,
			WorkflowJson json) {
		return new WaitWrites(new JdbcTemplate(dataSource), changes, json);
	}

	@Bean
	@ConditionalOnMissingBean
	FinishedRunNotifier durableFlowFinishedRunNotifier(DataSource dataSource, EventStore events) {
		return new FinishedRunNotifier(events, new JdbcTemplate(dataSource),
				new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
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

	/**
	 * Every {@link ChangeListener} bean hears of committed changes, in its order; they are looked up
	 * once all singletons exist, as listeners may depend on beans that need the stores.
	 */
	@Bean
	@ConditionalOnMissingBean
	ChangeRecorder durableFlowChangeRecorder(ObjectProvider<ChangeListener> listeners) {
		return new ChangeRecorder(listeners);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "durableflow.live.enabled", matchIfMissing = true)
	ApplicationEventChangeListener durableFlowApplicationEventChangeListener(ApplicationEventPublisher publisher) {
		return new ApplicationEventChangeListener(publisher);
	}

	@Bean
	@ConditionalOnMissingBean
	BeanDefinitionSource durableFlowBeanDefinitionSource(ListableBeanFactory beanFactory, WorkflowJson json) {
		return new BeanDefinitionSource(beanFactory, json);
	}

	/** The sources are asked once all singletons exist: a source may depend on beans that need the engine. */
	@Bean
	@ConditionalOnMissingBean
	WorkflowRegistry durableFlowWorkflowRegistry(ObjectProvider<DefinitionSource> sources) {
		return new WorkflowRegistry(sources);
	}

	@Bean
	@ConditionalOnMissingBean
	WakeChannel durableFlowWakeChannel(DataSource dataSource) {
		return new WakeChannel(dataSource, instanceId());
	}

	@Bean
	@ConditionalOnMissingBean
	FencedWriter durableFlowFencedWriter(DataSource dataSource, DurableFlowSchema schema, ChangeRecorder changes,
			WorkflowJson json) {
		return new FencedWriter(new JdbcTemplate(dataSource), changes, json);
	}

	@Bean
	@ConditionalOnMissingBean
	EventStore durableFlowEventStore(DataSource dataSource, DurableFlowSchema schema, ChangeRecorder changes,
			WorkflowJson json) {
		return new EventStore(new JdbcTemplate(dataSource), changes, json);
	}

	@Bean
	@ConditionalOnMissingBean
	OperatorStore durableFlowOperatorStore(DataSource dataSource, DurableFlowSchema schema, ChangeRecorder changes,
			WorkflowJson json) {
		return new OperatorStore(new JdbcTemplate(dataSource), changes, json);
	}

	@Bean
	@ConditionalOnMissingBean
	TimelineReader durableFlowTimelineReader(DataSource dataSource, DurableFlowSchema schema, WorkflowJson json) {
		return new TimelineReader(new JdbcTemplate(dataSource), json);
	}

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
	EngineSupport durableFlowEngineSupport(DataSource dataSource, RunStore store, WaitWrites waits,
			GroupCommit commits, EventStore events, WorkflowJson json, @Qualifier("durableFlowClock") Clock clock,
			WakeChannel wake, DurableFlowProperties properties) {
		// the engine's own transactions; a caller's transaction, when there is one, is joined instead
		TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		return new EngineSupport(store, waits, commits, events, json, clock, properties.getLease().getTtl(),
				transactions, wake);
	}

	@Bean
	@ConditionalOnMissingBean
	RunStarter durableFlowRunStarter(WorkflowRegistry registry, EngineSupport support) {
		return new RunStarter(registry, support);
	}

	@Bean
	@ConditionalOnMissingBean
	WorkflowExecutor durableFlowWorkflowExecutor(WorkflowRegistry registry, EngineSupport support,
			RunStarter starter, StepInvoker invoker) {
		return new WorkflowExecutor(registry, support, starter, invoker);
	}

	@Bean
	@ConditionalOnMissingBean(DurableFlow.class)
	DefaultDurableFlow durableFlow(RunStarter starter, EngineSupport support, OperatorStore operators,
			TimelineReader timelines, ObjectProvider<DurableFlowRepositories> repositories, RunCounts counts) {
		return new DefaultDurableFlow(starter, support, operators, timelines, repositories, counts);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "durableflow.worker.enabled", matchIfMissing = true)
	DurableFlowScheduler durableFlowScheduler(RunStore store, RunWrites runs, FencedWriter writer, WorkflowExecutor executor,
			WakeChannel wake,
			@Qualifier("durableFlowClock") Clock clock,
			DurableFlowProperties properties) {
		DurableFlowProperties.Worker worker = properties.getWorker();
		return new DurableFlowScheduler(store, runs, writer, executor, wake, clock,
				new SchedulerSettings(wake.instanceId(), worker.getConcurrency(), worker.getPollInterval(),
						properties.getLease().getTtl(), worker.getShutdownTimeout()));
	}

	@Bean
	@ConditionalOnMissingBean
	RunCounts durableFlowRunCounts(DataSource dataSource, DurableFlowSchema schema) {
		return new RunCounts(new JdbcTemplate(dataSource));
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
