package io.durableflow.testing;

import javax.sql.DataSource;

import io.durableflow.DurableFlow;
import io.durableflow.change.ChangeRecorder;
import io.durableflow.execution.WorkflowExecutor;
import io.durableflow.json.WorkflowJson;
import io.durableflow.store.RunStore;
import io.durableflow.store.commit.QueueClaims;
import io.durableflow.store.commit.RunWrites;
import io.durableflow.dispatch.DurableFlowScheduler;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The beans of {@link EnableDurableFlowTesting}. */
@Configuration(proxyBeanMethods = false)
public class DurableFlowTestConfiguration {

	/**
	 * Not a default candidate, like the engine's own clock: a host's {@code Clock} bean
	 * keeps its place.
	 */
	@Bean(defaultCandidate = false)
	MutableClock durableFlowClock() {
		return MutableClock.startingNow();
	}

	@Bean
	DurableFlowTester durableFlowTester(DurableFlow flow, RunStore store, RunWrites runs, QueueClaims queueClaims,
			WorkflowExecutor executor, @Qualifier("durableFlowClock") MutableClock durableFlowClock,
			DataSource dataSource, ObjectProvider<DurableFlowScheduler> scheduler, WorkflowJson json,
			ChangeRecorder changes) {
		return new DurableFlowTester(flow, store, runs, queueClaims, executor, durableFlowClock,
				new JdbcTemplate(dataSource), scheduler, json, changes);
	}

}
