package io.durableflow.definition.yaml;

import java.time.Duration;

import io.durableflow.definition.yaml.RetryModel.Backoff;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The delays DEFINITIONS.md gives: d, d*n, d*2^(n-1), capped by max_delay. */
class RetryModelTests {

	@Test
	void constantLinearAndExponentialDelaysCappedByMaxDelay() {
		Duration ten = Duration.ofSeconds(10);
		assertThat(new RetryModel(3, ten, Backoff.CONSTANT, null).delayBefore(3)).isEqualTo(ten);
		assertThat(new RetryModel(3, ten, Backoff.LINEAR, null).delayBefore(3)).hasSeconds(30);
		assertThat(new RetryModel(5, ten, Backoff.EXPONENTIAL, null).delayBefore(4)).hasSeconds(80);
		assertThat(new RetryModel(5, ten, Backoff.EXPONENTIAL, Duration.ofSeconds(60)).delayBefore(4)).hasSeconds(60);
		assertThat(new RetryModel(100, ten, Backoff.EXPONENTIAL, Duration.ofHours(1)).delayBefore(100))
			.isEqualTo(Duration.ofHours(1));
		assertThat(new RetryModel(2, ten, Backoff.CONSTANT, null).attempts()).isEqualTo(3);
	}

}
