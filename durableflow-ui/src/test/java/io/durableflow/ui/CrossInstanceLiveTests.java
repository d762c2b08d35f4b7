package io.durableflow.ui;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.durableflow.DurableFlow;
import io.durableflow.StartOptions;
import org.junit.jupiter.api.Test;

import org.springframework.messaging.simp.stomp.StompSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances on one database: a change committed on one reaches STOMP subscribers of
 * the other.
 */
class CrossInstanceLiveTests {

	@Test
	void aChangeOnOneInstanceReachesABrowserConnectedToTheOther() throws Exception {
		try (ConsoleHttp a = new ConsoleHttp("durableflow.ui.allow-unauthenticated=true");
				ConsoleHttp b = ConsoleHttp.on(a, "durableflow.ui.allow-unauthenticated=true",
						"durableflow.worker.enabled=false")) {
			StompSession session = StompLiveTests.connect(b);
			List<Map<String, Object>> onB = StompLiveTests.subscribe(session, "/topic/durableflow/runs/across");
			Thread.sleep(300);
			DurableFlow flowOnA = a.context().getBean(DurableFlow.class);
			flowOnA.start("greeting", "zoe", StartOptions.builder().runId("across").build());
			// B executes nothing: what it shows was committed by A and carried by
			// LISTEN/NOTIFY
			await().atMost(Duration.ofSeconds(10))
				.until(() -> onB.stream().anyMatch((m) -> "workflow_wait.created".equals(m.get("type"))));
			assertThat(onB).extracting((m) -> m.get("runId")).containsOnly("across");
			session.disconnect();
		}
	}

}
