package io.durableflow.host;

import java.time.Clock;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A typical host: its own entities, repositories and Flyway migrations beside
 * DurableFlow.
 */
@SpringBootApplication
public class HostApp {

	/**
	 * The host's own clock, injected by type into its own beans: DurableFlow's must not
	 * compete.
	 */
	@Bean
	Clock hostClock() {
		return Clock.systemDefaultZone();
	}

	@Bean
	ClockUser clockUser(Clock clock) {
		return new ClockUser(clock);
	}

	record ClockUser(Clock clock) {
	}

}
