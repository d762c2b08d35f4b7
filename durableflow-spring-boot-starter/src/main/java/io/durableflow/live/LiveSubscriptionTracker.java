package io.durableflow.live;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.context.event.EventListener;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;
import org.springframework.web.socket.messaging.SessionSubscribeEvent;
import org.springframework.web.socket.messaging.SessionUnsubscribeEvent;

/**
 * Tells {@link LiveInterest} how many STOMP subscriptions to DurableFlow destinations
 * this instance has, from the WebSocket session events of whatever STOMP endpoint the
 * application runs (the DurableFlow UI's, or its own). Without any,
 * {@link StompChangePublisher} sends nothing and other instances stop carrying changes
 * here.
 */
public class LiveSubscriptionTracker {

	private static final String PREFIX = "/topic/durableflow/";

	private final LiveInterest interest;

	/** Live subscriptions by session, so a disconnect ends them all. */
	private final Map<String, Set<String>> bySession = new ConcurrentHashMap<>();

	public LiveSubscriptionTracker(LiveInterest interest) {
		this.interest = interest;
	}

	@EventListener
	void subscribed(SessionSubscribeEvent event) {
		SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.wrap(event.getMessage());
		String destination = headers.getDestination();
		if (destination != null && destination.startsWith(PREFIX)
				&& this.bySession.computeIfAbsent(headers.getSessionId(), (id) -> ConcurrentHashMap.newKeySet())
					.add(headers.getSubscriptionId())) {
			this.interest.subscribed();
		}
	}

	@EventListener
	void unsubscribed(SessionUnsubscribeEvent event) {
		SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.wrap(event.getMessage());
		Set<String> subscriptions = this.bySession.get(headers.getSessionId());
		if (subscriptions != null && subscriptions.remove(headers.getSubscriptionId())) {
			this.interest.unsubscribed();
		}
	}

	@EventListener
	void disconnected(SessionDisconnectEvent event) {
		Set<String> subscriptions = this.bySession.remove(event.getSessionId());
		if (subscriptions != null) {
			subscriptions.forEach((id) -> this.interest.unsubscribed());
		}
	}

}
