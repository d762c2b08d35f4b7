package io.durableflow.ui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.HtmlUtils;

/**
 * Keeps the console (pages, JSON API, WebSocket) closed unless the host opened it: its
 * Spring Security chain governs the path, basic auth is configured, or unauthenticated
 * access is allowed on purpose. A closed console answers 403 with a message that says how
 * to open it.
 */
public class ConsoleAccessFilter extends OncePerRequestFilter {

	static final String HOW_TO_OPEN = "The DurableFlow console is closed by default because it shows business "
			+ "data. Open it in one of three ways: secure %s/** with your own Spring Security filter chain; set "
			+ "durableflow.ui.basic-auth.username and durableflow.ui.basic-auth.password; or, for local "
			+ "development only, set durableflow.ui.allow-unauthenticated=true.";

	private final DurableFlowUiProperties properties;

	private final List<HostSecurity> hostSecurity;

	public ConsoleAccessFilter(DurableFlowUiProperties properties, List<HostSecurity> hostSecurity) {
		this.properties = properties;
		this.hostSecurity = hostSecurity;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		String base = this.properties.getPath();
		return !(path.equals(base) || path.startsWith(base + "/"));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (this.properties.getBasicAuth().isConfigured()) {
			if (basicAuthMatches(request)) {
				chain.doFilter(request, response);
			}
			else {
				response.setHeader("WWW-Authenticate", "Basic realm=\"DurableFlow\", charset=\"UTF-8\"");
				problem(request, response, HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized",
						"The DurableFlow console needs the user name and password set in durableflow.ui.basic-auth.");
			}
			return;
		}
		if (this.properties.isAllowUnauthenticated()
				|| this.hostSecurity.stream().anyMatch((security) -> security.governs(request))) {
			chain.doFilter(request, response);
			return;
		}
		problem(request, response, HttpServletResponse.SC_FORBIDDEN, "DurableFlow console is closed",
				HOW_TO_OPEN.formatted(this.properties.getPath()));
	}

	private boolean basicAuthMatches(HttpServletRequest request) {
		String header = request.getHeader("Authorization");
		if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
			return false;
		}
		byte[] given;
		try {
			given = Base64.getDecoder().decode(header.substring(6).trim());
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		DurableFlowUiProperties.BasicAuth auth = this.properties.getBasicAuth();
		byte[] expected = (auth.getUsername() + ":" + auth.getPassword()).getBytes(StandardCharsets.UTF_8);
		return MessageDigest.isEqual(given, expected);
	}

	static void problem(HttpServletRequest request, HttpServletResponse response, int status, String title,
			String detail) throws IOException {
		response.setStatus(status);
		response.setCharacterEncoding("UTF-8");
		String accept = request.getHeader("Accept");
		if (accept != null && accept.contains(MediaType.TEXT_HTML_VALUE)) {
			response.setContentType(MediaType.TEXT_HTML_VALUE);
			response.getWriter()
				.write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
						+ HtmlUtils.htmlEscape(title) + "</title></head><body><h1>" + HtmlUtils.htmlEscape(title)
						+ "</h1><p>" + HtmlUtils.htmlEscape(detail) + "</p></body></html>");
			return;
		}
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getWriter()
			.write("{\"type\":\"about:blank\",\"title\":" + quote(title) + ",\"status\":" + status + ",\"detail\":"
					+ quote(detail) + ",\"instance\":" + quote(request.getRequestURI()) + "}");
	}

	private static String quote(String text) {
		StringBuilder out = new StringBuilder("\"");
		for (char c : text.toCharArray()) {
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '<' -> out.append("\\u003c");
				case '>' -> out.append("\\u003e");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		return out.append('"').toString();
	}

	/** Whether the host's own security governs a request to the console. */
	@FunctionalInterface
	public interface HostSecurity {

		boolean governs(HttpServletRequest request);

	}

}
