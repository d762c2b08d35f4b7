package io.durableflow.autoconfigure;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Clock;
import java.util.UUID;

import javax.sql.DataSource;

import io.durableflow.dispatch.DurableFlowScheduler;
import io.durableflow.dispatch.SchedulerSettings;
import io.durableflow.execution.WorkflowExecutor;
import io.durableflow.notify.WakeChannel;
import io.durableflow.store.RunStore;
import io.durableflow.store.commit.FencedWriter;
import io.durableflow.store.commit.QueueClaims;
import io.durableflow.store.commit.RunWrites;
import io.durableflow.queue.Queues;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wake-ups between instances (PostgreSQL LISTEN/NOTIFY) and the scheduler that claims and
 * executes due runs on this instance, unless {@code durableflow.worker.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
class DurableFlowSchedulerConfiguration {

	@Bean
	@ConditionalOnMissingBean
	WakeChannel durableFlowWakeChannel(DataSource dataSource) {
		return new WakeChannel(dataSource, instanceId());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "durableflow.worker.enabled", matchIfMissing = true)
	DurableFlowScheduler durableFlowScheduler(RunStore store, RunWrites runs, FencedWriter writer,
			WorkflowExecutor executor, WakeChannel wake, @Qualifier("durableFlowClock") Clock clock,
			DurableFlowProperties properties, QueueClaims queueClaims, Queues queues) {
		DurableFlowProperties.Worker worker = properties.getWorker();
		return new DurableFlowScheduler(store, runs, queueClaims, queues, writer, executor, wake, clock,
				new SchedulerSettings(wake.instanceId(), worker.getConcurrency(), worker.getPollInterval(),
						properties.getLease().getTtl(), worker.getShutdownTimeout()));
	}

	/**
	 * Host, process and a random part: unique per instance, and readable where it names a
	 * lease's owner.
	 */
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

}
