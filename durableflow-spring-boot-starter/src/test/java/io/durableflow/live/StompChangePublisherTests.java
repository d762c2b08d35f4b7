package io.durableflow.live;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.durableflow.WorkflowChange;
import io.durableflow.notify.WakeChannel;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.messaging.Message;
import org.springframework.messaging.converter.SimpleMessageConverter;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageSendingOperations;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.support.ExecutorSubscribableChannel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * Changes of one record within one window reach subscribers as one message: the latest
 * state, and a creation stays a creation with what its creation said.
 */
class StompChangePublisherTests {

	private final List<Message<?>> sent = new ArrayList<>();

	private final StompChangePublisher publisher = publisher();

	@Test
	void aRunCreatedAndClaimedWithinOneWindowIsSentAsCreatedWithItsQueueAndItsLatestStatus() {
		Instant now = Instant.now();
		this.publisher.onChanges(List.of(WorkflowChange.of(WorkflowChange.RUN, true, "r-1", "greeting", "r-1",
				Map.of("status", "pending", "queue", "emails", "hostingMode", "user_git"), now)));
		this.publisher.onChanges(List.of(WorkflowChange.of(WorkflowChange.RUN, false, "r-1", "greeting", "r-1",
				Map.of("status", "running", "executions", 1), now.plusMillis(5))));
		this.publisher.flush();

		List<Map<String, Object>> toList = payloadsSentTo(StompChangePublisher.RUNS);
		assertThat(toList).hasSize(1);
		assertThat(toList.get(0).get("type")).isEqualTo("workflow_run.created");
		assertThat(snapshot(toList.get(0))).containsEntry("status", "running")
			.containsEntry("executions", 1)
			.containsEntry("queue", "emails")
			.containsEntry("hostingMode", "user_git");
	}

	@Test
	void changesOfARunThatWasNotCreatedInTheWindowAreSentWithTheLatestSnapshotOnly() {
		Instant now = Instant.now();
		this.publisher.onChanges(List.of(WorkflowChange.of(WorkflowChange.RUN, false, "r-2", "greeting", "r-2",
				Map.of("status", "running", "executions", 1), now)));
		this.publisher.onChanges(List.of(WorkflowChange.of(WorkflowChange.RUN, false, "r-2", "greeting", "r-2",
				Map.of("status", "waiting"), now.plusMillis(5))));
		this.publisher.flush();

		List<Map<String, Object>> toList = payloadsSentTo(StompChangePublisher.RUNS);
		assertThat(toList).hasSize(1);
		assertThat(toList.get(0).get("type")).isEqualTo("workflow_run.updated");
		assertThat(snapshot(toList.get(0))).isEqualTo(Map.of("status", "waiting"));
	}

	private StompChangePublisher publisher() {
		ExecutorSubscribableChannel channel = new ExecutorSubscribableChannel();
		channel.subscribe(this.sent::add);
		SimpMessagingTemplate template = new SimpMessagingTemplate(channel);
		template.setMessageConverter(new SimpleMessageConverter());
		DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
		beans.registerSingleton("template", template);
		LiveInterest interest = new LiveInterest(mock(WakeChannel.class));
		interest.subscribed();
		return new StompChangePublisher(beans.getBeanProvider(SimpMessageSendingOperations.class), interest);
	}

	@SuppressWarnings("unchecked")
	private List<Map<String, Object>> payloadsSentTo(String destination) {
		return this.sent.stream()
			.filter((message) -> destination.equals(SimpMessageHeaderAccessor.getDestination(message.getHeaders())))
			.map((message) -> (Map<String, Object>) message.getPayload())
			.toList();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> snapshot(Map<String, Object> payload) {
		return (Map<String, Object>) payload.get("snapshot");
	}

}
