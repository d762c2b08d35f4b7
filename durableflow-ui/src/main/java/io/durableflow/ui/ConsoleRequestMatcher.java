package io.durableflow.ui;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Matches every request to the console ({@code durableflow.ui.path} and below: pages,
 * JSON API, WebSocket endpoint), for the host's own Spring Security chain:
 * <pre class="code">
 * http.securityMatcher(consoleMatcher).authorizeHttpRequests((a) -&gt; a.anyRequest().hasRole("OPS"))
 * </pre> Injected as the bean {@code durableFlowConsoleRequestMatcher}.
 */
public class ConsoleRequestMatcher implements RequestMatcher {

	private final String path;

	public ConsoleRequestMatcher(String path) {
		this.path = path;
	}

	@Override
	public boolean matches(HttpServletRequest request) {
		String uri = request.getRequestURI().substring(request.getContextPath().length());
		return uri.equals(this.path) || uri.startsWith(this.path + "/");
	}

	@Override
	public String toString() {
		return "DurableFlow console at " + this.path + "/**";
	}

}
