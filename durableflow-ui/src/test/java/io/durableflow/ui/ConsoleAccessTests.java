package io.durableflow.ui;

import java.net.http.HttpResponse;

import io.durableflow.ui.hostsecurity.HostSecurityConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/** The console is closed by default and opened only on purpose. */
class ConsoleAccessTests {

	@Test
	void closedByDefaultWithAMessageThatSaysHowToOpenIt() throws Exception {
		try (ConsoleHttp http = new ConsoleHttp()) {
			HttpResponse<String> api = http.post("/durableflow/api/events", "{\"name\":\"x\"}");
			assertThat(api.statusCode()).isEqualTo(403);
			assertThat(api.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			assertThat(api.body()).contains("durableflow.ui.basic-auth.username")
				.contains("durableflow.ui.allow-unauthenticated=true")
				.contains("Spring Security");
			HttpResponse<String> page = http.get("/durableflow", "Accept", "text/html");
			assertThat(page.statusCode()).isEqualTo(403);
			assertThat(page.body()).contains("<h1>DurableFlow console is closed</h1>");
			assertThat(http.get("/durableflow/ws").statusCode()).isEqualTo(403);
			assertThat(http.get("/durableflow/api/queues").statusCode()).isEqualTo(403);
			assertThat(http.get("/durableflow/queues", "Accept", "text/html").statusCode()).isEqualTo(403);
			// the host's own paths are untouched
			assertThat(http.get("/durableflowers").statusCode()).isEqualTo(404);
		}
	}

	@Test
	void basicAuthOpensItForTheConfiguredUserOnly() throws Exception {
		try (ConsoleHttp http = new ConsoleHttp("durableflow.ui.basic-auth.username=ops",
				"durableflow.ui.basic-auth.password=s3cret")) {
			HttpResponse<String> anonymous = http.post("/durableflow/api/events", "{\"name\":\"x\"}");
			assertThat(anonymous.statusCode()).isEqualTo(401);
			assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
				.hasValueSatisfying((value) -> assertThat(value).startsWith("Basic"));
			assertThat(http
				.post("/durableflow/api/events", "{\"name\":\"x\"}", "Authorization", ConsoleHttp.basic("ops", "wrong"))
				.statusCode()).isEqualTo(401);
			HttpResponse<String> ops = http.post("/durableflow/api/events", "{\"name\":\"x\"}", "Authorization",
					ConsoleHttp.basic("ops", "s3cret"));
			assertThat(ops.statusCode()).isEqualTo(200);
			assertThat(ops.body()).isEqualTo("{\"matched\":0}");
			assertThat(http.get("/durableflow/api/queues").statusCode()).isEqualTo(401);
			HttpResponse<String> queues = http.get("/durableflow/api/queues", "Authorization",
					ConsoleHttp.basic("ops", "s3cret"));
			assertThat(queues.statusCode()).isEqualTo(200);
			assertThat(queues.body()).startsWith("[{\"name\":\"default\",");
		}
	}

	@Test
	void aHostSecurityChainThatGovernsThePathOpensIt() throws Exception {
		try (ConsoleHttp http = ConsoleHttp.with(HostSecurityConfiguration.class)) {
			// the host's chain decides who gets in; the console's own gate steps aside
			assertThat(http.get("/durableflow/api/runs/nope").statusCode()).isEqualTo(404);
			assertThat(http.get("/durableflow").statusCode()).isEqualTo(200);
		}
	}

	@Test
	void aCustomPathMovesTheConsoleAndItsGate() throws Exception {
		try (ConsoleHttp http = new ConsoleHttp("durableflow.ui.path=/ops/flows")) {
			ConsoleRequestMatcher matcher = http.context().getBean(ConsoleRequestMatcher.class);
			assertThat(matcher.matches(new MockHttpServletRequest("GET", "/ops/flows/runs/x"))).isTrue();
			assertThat(matcher.matches(new MockHttpServletRequest("GET", "/ops/flows"))).isTrue();
			assertThat(matcher.matches(new MockHttpServletRequest("GET", "/ops/flowsy"))).isFalse();
			assertThat(http.post("/ops/flows/api/events", "{\"name\":\"x\"}").statusCode()).isEqualTo(403);
			assertThat(http.post("/durableflow/api/events", "{\"name\":\"x\"}").statusCode()).isEqualTo(404);
		}
	}

}
