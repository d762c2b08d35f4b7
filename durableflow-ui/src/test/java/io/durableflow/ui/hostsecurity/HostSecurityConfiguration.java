package io.durableflow.ui.hostsecurity;

import java.util.List;

import io.durableflow.ui.ConsoleRequestMatcher;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.DefaultSecurityFilterChain;
import org.springframework.security.web.SecurityFilterChain;

/** A host whose own Spring Security filter chain governs the console's path. */
@Configuration(proxyBeanMethods = false)
public class HostSecurityConfiguration {

	@Bean
	SecurityFilterChain consoleChain() {
		return new DefaultSecurityFilterChain(new ConsoleRequestMatcher("/durableflow"), List.of());
	}

}
