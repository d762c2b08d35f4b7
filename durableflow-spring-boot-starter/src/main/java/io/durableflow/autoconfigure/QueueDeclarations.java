package io.durableflow.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.durableflow.queue.QueueSettings;
import io.durableflow.queue.Queues;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.IgnoreTopLevelConverterNotFoundBindHandler;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.env.Environment;

/**
 * The declared queues, from {@code durableflow.queues.<name>.*}: a property under a queue
 * that is not one of a queue's, a limit under 1, a rate-limit period under 1 ms, half a
 * rate limit, or a limit on the {@code default} queue stops the application at start-up
 * with the property named.
 */
final class QueueDeclarations {

	static final String PREFIX = "durableflow.queues";

	private QueueDeclarations() {
	}

	static Queues of(DurableFlowProperties properties, Environment environment) {
		// bound again, refusing what no queue property takes (the binder of
		// DurableFlowProperties ignores unknown names, so a misspelt limit would
		// otherwise silently limit nothing)
		Binder.get(environment)
			.bind(PREFIX, Bindable.mapOf(String.class, DurableFlowProperties.Queue.class),
					new NoUnboundElementsBindHandler(new IgnoreTopLevelConverterNotFoundBindHandler()));
		List<QueueSettings> declared = new ArrayList<>();
		for (Map.Entry<String, DurableFlowProperties.Queue> entry : properties.getQueues().entrySet()) {
			declared.add(settings(entry.getKey(), entry.getValue()));
		}
		return new Queues(declared);
	}

	private static QueueSettings settings(String name, DurableFlowProperties.Queue queue) {
		String prefix = PREFIX + "." + name + ".";
		if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "." + name, name,
					"A queue name is 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit");
		}
		Integer concurrency = positive(prefix + "concurrency", queue.getConcurrency());
		Integer workerConcurrency = positive(prefix + "worker-concurrency", queue.getWorkerConcurrency());
		Integer perKey = positive(prefix + "concurrency-per-key", queue.getConcurrencyPerKey());
		Integer limit = positive(prefix + "rate-limit.limit", queue.getRateLimit().getLimit());
		Duration period = queue.getRateLimit().getPeriod();
		if (period != null && period.compareTo(Duration.ofMillis(1)) < 0) {
			throw new InvalidConfigurationPropertyValueException(prefix + "rate-limit.period", period,
					"The period of a rate limit is at least 1 ms");
		}
		if (limit != null && period == null) {
			throw new InvalidConfigurationPropertyValueException(prefix + "rate-limit.period", null,
					"A rate limit needs its period as well as its limit (" + prefix + "rate-limit.limit=" + limit
							+ ")");
		}
		if (period != null && limit == null) {
			throw new InvalidConfigurationPropertyValueException(prefix + "rate-limit.limit", null,
					"A rate limit needs its limit as well as its period (" + prefix + "rate-limit.period=" + period
							+ ")");
		}
		QueueSettings settings = new QueueSettings(name, concurrency, workerConcurrency, limit, period, perKey,
				queue.getDescription());
		if (name.equals(QueueSettings.DEFAULT) && settings.limited()) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + ".default", "(limits)",
					"The default queue takes no limits: declare a queue of your own for the runs to limit, and "
							+ "start them with StartOptions.queue(..)");
		}
		return settings;
	}

	private static Integer positive(String property, Integer value) {
		if (value != null && value < 1) {
			throw new InvalidConfigurationPropertyValueException(property, value, "A queue limit is at least 1");
		}
		return value;
	}

}
