package io.durableflow.autoconfigure;

import java.time.Clock;

import javax.sql.DataSource;

import io.durableflow.DurableFlow;
import io.durableflow.artifact.engine.ArtifactWriter;
import io.durableflow.definition.BeanDefinitionSource;
import io.durableflow.definition.DefinitionSource;
import io.durableflow.definition.WorkflowRegistry;
import io.durableflow.engine.DefaultDurableFlow;
import io.durableflow.execution.StepInvoker;
import io.durableflow.execution.WorkflowExecutor;
import io.durableflow.json.WorkflowJson;
import io.durableflow.notify.WakeChannel;
import io.durableflow.definition.ActionRegistry;
import io.durableflow.queue.Queues;
import io.durableflow.start.RunStarter;
import io.durableflow.store.QueueStats;
import io.durableflow.store.RunCounts;
import io.durableflow.store.RunStore;
import io.durableflow.store.TimelineReader;
import io.durableflow.store.commit.EngineSupport;
import io.durableflow.store.commit.EventStore;
import io.durableflow.store.commit.GroupCommit;
import io.durableflow.store.commit.OperatorStore;
import io.durableflow.store.commit.StepTransactions;
import io.durableflow.store.commit.WaitWrites;
import io.durableflow.store.jpa.DurableFlowRepositories;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The workflow registry, composed of every {@link DefinitionSource} bean, and what starts
 * and executes runs: the {@link DurableFlow} bean, the run starter and the executor.
 */
@Configuration(proxyBeanMethods = false)
class DurableFlowEngineConfiguration {

	@Bean
	@ConditionalOnMissingBean
	BeanDefinitionSource durableFlowBeanDefinitionSource(ListableBeanFactory beanFactory, WorkflowJson json) {
		return new BeanDefinitionSource(beanFactory, json);
	}

	/**
	 * The sources are asked once all singletons exist: a source may depend on beans that
	 * need the engine.
	 */
	@Bean
	@ConditionalOnMissingBean
	WorkflowRegistry durableFlowWorkflowRegistry(ObjectProvider<DefinitionSource> sources) {
		return new WorkflowRegistry(sources);
	}

	@Bean
	@ConditionalOnMissingBean
	EngineSupport durableFlowEngineSupport(DataSource dataSource, RunStore store, WaitWrites waits, GroupCommit commits,
			EventStore events, WorkflowJson json, @Qualifier("durableFlowClock") Clock clock, WakeChannel wake,
			DurableFlowProperties properties, StepTransactions stepTransactions) {
		// the engine's own transactions; a caller's transaction, when there is one, is
		// joined instead
		TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		return new EngineSupport(store, waits, commits, events, json, clock, properties.getLease().getTtl(),
				transactions, wake, stepTransactions);
	}

	/**
	 * Transactional steps run in the application's transaction manager (chosen when the
	 * first one runs), which must manage this DataSource.
	 */
	@Bean
	@ConditionalOnMissingBean
	StepTransactions durableFlowStepTransactions(DataSource dataSource,
			ObjectProvider<PlatformTransactionManager> transactionManagers) {
		return new StepTransactions(dataSource, transactionManagers);
	}

	@Bean
	@ConditionalOnMissingBean
	RunStarter durableFlowRunStarter(WorkflowRegistry registry, EngineSupport support, DataSource dataSource,
			Queues queues) {
		return new RunStarter(registry, support, dataSource, queues);
	}

	@Bean
	@ConditionalOnMissingBean
	WorkflowExecutor durableFlowWorkflowExecutor(WorkflowRegistry registry, EngineSupport support, RunStarter starter,
			StepInvoker invoker, ActionRegistry actions, ArtifactWriter artifacts) {
		return new WorkflowExecutor(registry, support, starter, invoker, actions, artifacts);
	}

	@Bean
	@ConditionalOnMissingBean
	ActionRegistry durableFlowActionRegistry(ListableBeanFactory beans, Queues queues) {
		return new ActionRegistry(beans, queues);
	}

	@Bean
	@ConditionalOnMissingBean(DurableFlow.class)
	DefaultDurableFlow durableFlow(RunStarter starter, EngineSupport support, OperatorStore operators,
			TimelineReader timelines, ObjectProvider<DurableFlowRepositories> repositories, RunCounts counts,
			QueueStats queueStats) {
		return new DefaultDurableFlow(starter, support, operators, timelines, repositories, counts, queueStats);
	}

}
