package io.durableflow.autoconfigure;

import java.time.Clock;

import javax.sql.DataSource;

import io.durableflow.actuate.DurableFlowEndpoint;
import io.durableflow.actuate.DurableFlowHealthIndicator;
import io.durableflow.actuate.EngineState;
import io.durableflow.store.RunCounts;
import io.durableflow.dispatch.DurableFlowScheduler;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * DurableFlow's health indicator and {@code durableflow} endpoint, when Spring Boot
 * Actuator is there.
 */
@AutoConfiguration(after = DurableFlowAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, DurableFlowEndpoint.class,
		org.springframework.boot.actuate.endpoint.annotation.Endpoint.class })
@ConditionalOnBean(io.durableflow.DurableFlow.class)
public final class DurableFlowActuatorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	EngineState durableFlowEngineState(DataSource dataSource, RunCounts counts,
			ObjectProvider<DurableFlowScheduler> scheduler, @Qualifier("durableFlowClock") Clock clock) {
		return new EngineState(new JdbcTemplate(dataSource), counts, scheduler.getIfAvailable(), clock);
	}

	@Bean
	@ConditionalOnMissingBean(name = "durableFlowHealthIndicator")
	@ConditionalOnEnabledHealthIndicator("durableflow")
	DurableFlowHealthIndicator durableFlowHealthIndicator(EngineState state, DurableFlowProperties properties) {
		return new DurableFlowHealthIndicator(state, properties.getHealth().getMaxLag());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint
	DurableFlowEndpoint durableFlowEndpoint(EngineState state) {
		return new DurableFlowEndpoint(state);
	}

}
