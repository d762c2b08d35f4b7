package io.durableflow.ui.hostsecurity;

import java.util.List;

import io.durableflow.ui.ConsoleRequestMatcher;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.DefaultSecurityFilterChain;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;

/**
 * A host whose own Spring Security chain governs the console's path and protects its
 * writes with CSRF tokens (Spring Security's default), run as a servlet filter the way
 * Spring Boot runs it.
 */
@Configuration(proxyBeanMethods = false)
public class CsrfHostSecurityConfiguration {

	@Bean
	SecurityFilterChain consoleChain() {
		return new DefaultSecurityFilterChain(new ConsoleRequestMatcher("/durableflow"),
				List.of(new CsrfFilter(new HttpSessionCsrfTokenRepository())));
	}

	@Bean
	FilterRegistrationBean<FilterChainProxy> springSecurityFilterChain(SecurityFilterChain chain) {
		FilterRegistrationBean<FilterChainProxy> registration = new FilterRegistrationBean<>(
				new FilterChainProxy(chain));
		registration.setOrder(-100);
		return registration;
	}

}
