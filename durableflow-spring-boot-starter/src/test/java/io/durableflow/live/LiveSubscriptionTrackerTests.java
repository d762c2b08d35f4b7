package io.durableflow.live;

import io.durableflow.notify.WakeChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;
import org.springframework.web.socket.messaging.SessionSubscribeEvent;
import org.springframework.web.socket.messaging.SessionUnsubscribeEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

/**
 * Subscriptions to DurableFlow's destinations, and only those, make this instance
 * watched.
 */
class LiveSubscriptionTrackerTests {

	private final WakeChannel channel = mock(WakeChannel.class);

	private final LiveInterest interest = new LiveInterest(this.channel);

	private final LiveSubscriptionTracker tracker = new LiveSubscriptionTracker(this.interest);

	@AfterEach
	void stop() {
		this.interest.stop();
	}

	@Test
	void aSubscriptionToADurableFlowDestinationIsAnnouncedAndEndsWithItsUnsubscribe() {
		this.tracker.subscribed(subscribe("s1", "sub-0", "/topic/durableflow/runs"));
		assertThat(this.interest.isWatchedLocally()).isTrue();
		verify(this.channel).send(LiveInterest.CHANNEL, "watching");
		this.tracker.unsubscribed(unsubscribe("s1", "sub-0"));
		assertThat(this.interest.isWatchedLocally()).isFalse();
	}

	@Test
	void otherDestinationsAreNotCounted() {
		this.tracker.subscribed(subscribe("s1", "sub-0", "/topic/prices"));
		assertThat(this.interest.isWatchedLocally()).isFalse();
		this.tracker.unsubscribed(unsubscribe("s1", "sub-0"));
		this.tracker.subscribed(subscribe("s1", "sub-1", "/topic/durableflow/runs/r-1"));
		assertThat(this.interest.isWatchedLocally()).isTrue();
	}

	@Test
	void aDisconnectEndsEverySubscriptionOfItsSessionAndNoOther() {
		this.tracker.subscribed(subscribe("s1", "sub-0", "/topic/durableflow/runs"));
		this.tracker.subscribed(subscribe("s1", "sub-1", "/topic/durableflow/runs/r-1"));
		this.tracker.subscribed(subscribe("s2", "sub-0", "/topic/durableflow/runs"));
		this.tracker.disconnected(disconnect("s1"));
		assertThat(this.interest.isWatchedLocally()).isTrue();
		this.tracker.disconnected(disconnect("s2"));
		assertThat(this.interest.isWatchedLocally()).isFalse();
		// late, after its disconnect: ignored
		this.tracker.unsubscribed(unsubscribe("s1", "sub-0"));
		this.tracker.subscribed(subscribe("s3", "sub-0", "/topic/durableflow/runs"));
		assertThat(this.interest.isWatchedLocally()).isTrue();
	}

	@Test
	void aRepeatedSubscribeFrameCountsOnce() {
		this.tracker.subscribed(subscribe("s1", "sub-0", "/topic/durableflow/runs"));
		this.tracker.subscribed(subscribe("s1", "sub-0", "/topic/durableflow/runs"));
		this.tracker.unsubscribed(unsubscribe("s1", "sub-0"));
		assertThat(this.interest.isWatchedLocally()).isFalse();
		verify(this.channel, times(1)).send(LiveInterest.CHANNEL, "watching");
	}

	private static SessionSubscribeEvent subscribe(String session, String subscription, String destination) {
		SimpMessageHeaderAccessor headers = headers(SimpMessageType.SUBSCRIBE, session, subscription);
		headers.setDestination(destination);
		return new SessionSubscribeEvent(LiveSubscriptionTrackerTests.class, message(headers));
	}

	private static SessionUnsubscribeEvent unsubscribe(String session, String subscription) {
		return new SessionUnsubscribeEvent(LiveSubscriptionTrackerTests.class,
				message(headers(SimpMessageType.UNSUBSCRIBE, session, subscription)));
	}

	private static SessionDisconnectEvent disconnect(String session) {
		return new SessionDisconnectEvent(LiveSubscriptionTrackerTests.class,
				message(headers(SimpMessageType.DISCONNECT, session, null)), session, CloseStatus.NORMAL);
	}

	private static SimpMessageHeaderAccessor headers(SimpMessageType type, String session, String subscription) {
		SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(type);
		headers.setSessionId(session);
		headers.setSubscriptionId(subscription);
		headers.setLeaveMutable(true);
		return headers;
	}

	private static Message<byte[]> message(SimpMessageHeaderAccessor headers) {
		return MessageBuilder.createMessage(new byte[0], headers.getMessageHeaders());
	}

}
