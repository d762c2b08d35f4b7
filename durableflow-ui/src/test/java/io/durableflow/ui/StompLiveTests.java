package io.durableflow.ui;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.durableflow.DurableFlow;
import io.durableflow.StartOptions;
import org.junit.jupiter.api.Test;

import org.springframework.messaging.converter.JacksonJsonMessageConverter;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real STOMP client over a real WebSocket receives a run's committed changes, and
 * nothing of a rollback.
 */
class StompLiveTests {

	@Test
	void aSubscriberSeesARunMoveAndNothingOfARolledBackStart() throws Exception {
		try (ConsoleHttp http = new ConsoleHttp("durableflow.ui.allow-unauthenticated=true")) {
			StompSession session = connect(http);
			List<Map<String, Object>> runMessages = subscribe(session, "/topic/durableflow/runs/live-1");
			List<Map<String, Object>> allRuns = subscribe(session, "/topic/durableflow/runs");
			List<Map<String, Object>> rolledBack = subscribe(session, "/topic/durableflow/runs/rolled-back");
			Thread.sleep(200); // let the subscriptions reach the broker

			DurableFlow flow = http.context().getBean(DurableFlow.class);
			TransactionTemplate tx = new TransactionTemplate(http.context().getBean(PlatformTransactionManager.class));
			tx.executeWithoutResult((status) -> {
				flow.start("greeting", "nobody", StartOptions.builder().runId("rolled-back").build());
				status.setRollbackOnly();
			});
			flow.start("greeting", "ada", StartOptions.builder().runId("live-1").build());
			await().atMost(Duration.ofSeconds(10))
				.until(() -> runMessages.stream().anyMatch((m) -> "workflow_wait.created".equals(m.get("type"))));
			flow.notify("greeted", Map.of("name", "ada", "from", "bob"));
			await().atMost(Duration.ofSeconds(10))
				.until(() -> runMessages.stream().anyMatch(StompLiveTests::completed));

			List<Object> types = runMessages.stream().map((m) -> m.get("type")).toList();
			assertThat(types).contains("workflow_run.created", "workflow_wait.created", "workflow_wait.updated",
					"workflow_step.created");
			int stepCreated = types.lastIndexOf("workflow_step.created");
			int completed = runMessages
				.indexOf(runMessages.stream().filter(StompLiveTests::completed).findFirst().get());
			assertThat(stepCreated).isLessThan(completed);
			assertThat(allRuns).allSatisfy((m) -> assertThat(m.get("recordType")).isEqualTo("workflow_run"))
				.anySatisfy((m) -> assertThat(m.get("runId")).isEqualTo("live-1"));
			Thread.sleep(300);
			assertThat(rolledBack).isEmpty();
			assertThat(allRuns).noneSatisfy((m) -> assertThat(m.get("runId")).isEqualTo("rolled-back"));
			session.disconnect();
		}
	}

	@SuppressWarnings("unchecked")
	private static boolean completed(Map<String, Object> message) {
		return "workflow_run".equals(message.get("recordType"))
				&& "completed".equals(((Map<String, Object>) message.get("snapshot")).get("status"));
	}

	static StompSession connect(ConsoleHttp http) throws Exception {
		WebSocketStompClient client = new WebSocketStompClient(new StandardWebSocketClient());
		client.setMessageConverter(new JacksonJsonMessageConverter());
		String port = http.context().getEnvironment().getProperty("local.server.port");
		return client.connectAsync("ws://localhost:" + port + "/durableflow/ws", new StompSessionHandlerAdapter() {
		}).get(10, TimeUnit.SECONDS);
	}

	static List<Map<String, Object>> subscribe(StompSession session, String destination) {
		List<Map<String, Object>> received = new CopyOnWriteArrayList<>();
		session.subscribe(destination, new StompFrameHandler() {
			@Override
			public Type getPayloadType(StompHeaders headers) {
				return Map.class;
			}

			@Override
			@SuppressWarnings("unchecked")
			public void handleFrame(StompHeaders headers, Object payload) {
				received.add((Map<String, Object>) payload);
			}
		});
		return received;
	}

}
