package io.durableflow.ui;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReadOnlyConsoleTests {

	@Test
	void aReadOnlyConsoleRefusesActionsButServesReads() throws Exception {
		try (ConsoleHttp http = new ConsoleHttp("durableflow.ui.allow-unauthenticated=true",
				"durableflow.ui.read-only=true")) {
			var refused = http.post("/durableflow/api/events", "{\"name\":\"x\"}");
			assertThat(refused.statusCode()).isEqualTo(403);
			assertThat(refused.body()).contains("read-only");
			assertThat(http.get("/durableflow/api/runs/nope").statusCode()).isEqualTo(404);
		}
	}

}
