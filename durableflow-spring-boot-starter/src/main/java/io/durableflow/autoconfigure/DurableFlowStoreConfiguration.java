package io.durableflow.autoconfigure;

import java.time.Clock;

import javax.sql.DataSource;

import io.durableflow.ChangeListener;
import io.durableflow.change.ApplicationEventChangeListener;
import io.durableflow.change.ChangeRecorder;
import io.durableflow.json.WorkflowJson;
import io.durableflow.queue.Queues;
import io.durableflow.store.QueueStats;
import io.durableflow.store.RunCounts;
import io.durableflow.store.RunStore;
import io.durableflow.store.TimelineReader;
import io.durableflow.store.commit.EventStore;
import io.durableflow.store.commit.FencedWriter;
import io.durableflow.store.commit.FinishedRunNotifier;
import io.durableflow.store.commit.OperatorStore;
import io.durableflow.store.commit.QueueClaims;
import io.durableflow.store.commit.RunWrites;
import io.durableflow.store.commit.WaitWrites;
import io.durableflow.store.schema.DurableFlowSchema;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The change stream and the stores that read and write runs, steps, waits, events and
 * logs. Each store takes the {@link DurableFlowSchema}, so that nothing touches a table
 * before it is migrated.
 */
@Configuration(proxyBeanMethods = false)
class DurableFlowStoreConfiguration {

	/**
	 * Every {@link ChangeListener} bean hears of committed changes, in its order; they
	 * are looked up once all singletons exist, as listeners may depend on beans that need
	 * the stores.
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
	RunStore durableFlowRunStore(DataSource dataSource, DurableFlowSchema schema) {
		return new RunStore(new JdbcTemplate(dataSource));
	}

	@Bean
	@ConditionalOnMissingBean
	RunWrites durableFlowRunWrites(DataSource dataSource, DurableFlowSchema schema, ChangeRecorder changes,
			Queues queues) {
		return new RunWrites(new JdbcTemplate(dataSource), changes, queues);
	}

	@Bean
	@ConditionalOnMissingBean
	Queues durableFlowQueues(DurableFlowProperties properties, Environment environment) {
		return QueueDeclarations.of(properties, environment);
	}

	@Bean
	@ConditionalOnMissingBean
	QueueClaims durableFlowQueueClaims(DataSource dataSource, DurableFlowSchema schema, ChangeRecorder changes,
			Queues queues) {
		return new QueueClaims(new JdbcTemplate(dataSource), changes, queues);
	}

	@Bean
	@ConditionalOnMissingBean
	WaitWrites durableFlowWaitWrites(DataSource dataSource, DurableFlowSchema schema, ChangeRecorder changes,
			WorkflowJson json) {
		return new WaitWrites(new JdbcTemplate(dataSource), changes, json);
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
	FinishedRunNotifier durableFlowFinishedRunNotifier(DataSource dataSource, EventStore events) {
		return new FinishedRunNotifier(events, new JdbcTemplate(dataSource),
				new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
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
	RunCounts durableFlowRunCounts(DataSource dataSource, DurableFlowSchema schema) {
		return new RunCounts(new JdbcTemplate(dataSource));
	}

	@Bean
	@ConditionalOnMissingBean
	QueueStats durableFlowQueueStats(DataSource dataSource, DurableFlowSchema schema, Queues queues,
			@Qualifier("durableFlowClock") Clock clock) {
		return new QueueStats(new JdbcTemplate(dataSource), queues, clock);
	}

}
