package io.durableflow.autoconfigure;

import java.time.Clock;

import io.durableflow.change.ChangeRecorder;
import io.durableflow.dispatch.DurableFlowScheduler;
import io.durableflow.metrics.DurableFlowGauges;
import io.durableflow.metrics.QueueGauges;
import io.durableflow.metrics.DurableFlowMetrics;
import io.durableflow.metrics.TutorialMetrics;
import io.durableflow.notify.WakeChannel;
import io.durableflow.store.QueueStats;
import io.durableflow.store.RunCounts;
import io.durableflow.store.TutorialStore;
import io.durableflow.tutorials.Tutorials;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Micrometer meters of the engine, when Micrometer and a {@link MeterRegistry} are there.
 * The engine's meters are read off the change stream ({@link DurableFlowMetrics} is a
 * change listener bean); tutorial meters are there when tutorials are.
 */
@AutoConfiguration(after = { DurableFlowAutoConfiguration.class, DurableFlowTutorialsAutoConfiguration.class },
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, ChangeRecorder.class })
@ConditionalOnBooleanProperty(name = "durableflow.metrics.enabled", matchIfMissing = true)
public final class DurableFlowMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	DurableFlowMetrics durableFlowMetrics(MeterRegistry registry) {
		return new DurableFlowMetrics(registry);
	}

	@Bean
	@ConditionalOnMissingBean
	DurableFlowGauges durableFlowGauges(RunCounts counts, ObjectProvider<DurableFlowScheduler> scheduler,
			WakeChannel channel, ChangeRecorder recorder) {
		return new DurableFlowGauges(counts, scheduler.getIfAvailable(), channel, recorder);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(QueueStats.class)
	QueueGauges durableFlowQueueGauges(QueueStats stats, @Qualifier("durableFlowClock") Clock clock) {
		return new QueueGauges(stats, clock);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean({ Tutorials.class, TutorialStore.class })
	static class TutorialMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		TutorialMetrics durableFlowTutorialMetrics(Tutorials tutorials, TutorialStore store) {
			return new TutorialMetrics(tutorials, store);
		}

	}

}
