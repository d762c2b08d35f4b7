package io.durableflow.ui;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The host's Spring Security governs the console when one of its filter chains matches
 * the request.
 */
class SpringSecurityHostSecurity implements ConsoleAccessFilter.HostSecurity {

	private final ListableBeanFactory beanFactory;

	SpringSecurityHostSecurity(ListableBeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public boolean governs(HttpServletRequest request) {
		return this.beanFactory.getBeansOfType(SecurityFilterChain.class)
			.values()
			.stream()
			.anyMatch((chain) -> chain.matches(request));
	}

}
