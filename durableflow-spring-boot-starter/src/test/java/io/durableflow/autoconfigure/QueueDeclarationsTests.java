package io.durableflow.autoconfigure;

import java.time.Duration;

import io.durableflow.queue.QueueSettings;
import io.durableflow.queue.Queues;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The declared queues, and every way of declaring one wrongly stops the start-up. */
class QueueDeclarationsTests {

	@Test
	void queuesAreReadWithTheirLimitsAndDefaultIsAlwaysThere() {
		Queues queues = declare("durableflow.queues.emails.concurrency=4",
				"durableflow.queues.emails.worker-concurrency=2", "durableflow.queues.emails.rate-limit.limit=100",
				"durableflow.queues.emails.rate-limit.period=1m", "durableflow.queues.emails.concurrency-per-key=1",
				"durableflow.queues.reports.description=monthly reports");
		assertThat(queues.all()).extracting(QueueSettings::name).containsExactly("default", "emails", "reports");
		assertThat(queues.require("emails"))
			.isEqualTo(new QueueSettings("emails", 4, 2, 100, Duration.ofMinutes(1), 1, null));
		assertThat(queues.unlimited()).containsExactly("default", "reports");
		assertThat(queues.limited()).extracting(QueueSettings::name).containsExactly("emails");
	}

	@Test
	void aMisspeltPropertyUnderAQueueIsAnError() {
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> declare("durableflow.queues.emails.concurency=4"))
			.satisfies((ex) -> assertThat(ex.getCause()).hasMessageContaining("durableflow.queues.emails.concurency"));
	}

	@Test
	void limitsUnderOneAreErrorsNamingTheProperty() {
		assertRefused("durableflow.queues.emails.concurrency", "durableflow.queues.emails.concurrency=0");
		assertRefused("durableflow.queues.emails.worker-concurrency",
				"durableflow.queues.emails.worker-concurrency=-1");
		assertRefused("durableflow.queues.emails.concurrency-per-key",
				"durableflow.queues.emails.concurrency-per-key=0");
		assertRefused("durableflow.queues.emails.rate-limit.limit", "durableflow.queues.emails.rate-limit.limit=0",
				"durableflow.queues.emails.rate-limit.period=1s");
	}

	@Test
	void aRatePeriodUnderOneMillisecondOrHalfARateLimitIsAnError() {
		assertRefused("durableflow.queues.emails.rate-limit.period", "durableflow.queues.emails.rate-limit.limit=5",
				"durableflow.queues.emails.rate-limit.period=0ms");
		assertRefused("durableflow.queues.emails.rate-limit.period", "durableflow.queues.emails.rate-limit.limit=5");
		assertRefused("durableflow.queues.emails.rate-limit.limit", "durableflow.queues.emails.rate-limit.period=1s");
	}

	@Test
	void theDefaultQueueTakesNoLimitsAndNamesAreChecked() {
		assertRefused("durableflow.queues.default", "durableflow.queues.default.concurrency=3");
		assertThat(declare("durableflow.queues.default.description=everything else").all()).hasSize(1);
		assertRefused("durableflow.queues.bad name", "durableflow.queues.[bad name].concurrency=3");
	}

	private static void assertRefused(String property, String... properties) {
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> declare(properties))
			.satisfies((ex) -> assertThat(ex.getName()).isEqualTo(property));
	}

	private static Queues declare(String... properties) {
		MockEnvironment environment = new MockEnvironment();
		for (String property : properties) {
			int eq = property.indexOf('=');
			environment.setProperty(property.substring(0, eq), property.substring(eq + 1));
		}
		DurableFlowProperties bound = Binder.get(environment).bindOrCreate("durableflow", DurableFlowProperties.class);
		return QueueDeclarations.of(bound, environment);
	}

}
