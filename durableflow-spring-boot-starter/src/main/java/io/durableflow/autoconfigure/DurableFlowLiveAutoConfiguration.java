package io.durableflow.autoconfigure;

import io.durableflow.change.ChangeRecorder;
import io.durableflow.json.WorkflowJson;
import io.durableflow.live.ChangeFanout;
import io.durableflow.live.LiveInterest;
import io.durableflow.live.LiveSubscriptionTracker;
import io.durableflow.live.StompChangePublisher;
import io.durableflow.notify.WakeChannel;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.simp.SimpMessageSendingOperations;
import org.springframework.web.socket.messaging.SessionSubscribeEvent;

/**
 * Live changes to STOMP subscribers ({@code /topic/durableflow/runs...}) through whatever
 * message broker the application has (the DurableFlow UI brings one), and across
 * instances on the same database through PostgreSQL LISTEN/NOTIFY. Off without
 * spring-messaging, or with {@code durableflow.live.enabled=false}; Spring application
 * events need neither. With spring-websocket, subscriptions to those destinations are
 * counted, so that changes are sent only while someone watches. The publisher and the
 * fan-out are change listener beans: the {@link ChangeRecorder} hands them every change.
 */
@AutoConfiguration(after = DurableFlowAutoConfiguration.class)
@ConditionalOnClass(SimpMessageSendingOperations.class)
@ConditionalOnBean(ChangeRecorder.class)
@ConditionalOnBooleanProperty(name = "durableflow.live.enabled", matchIfMissing = true)
public final class DurableFlowLiveAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	LiveInterest durableFlowLiveInterest(WakeChannel channel) {
		return new LiveInterest(channel);
	}

	@Bean
	@ConditionalOnMissingBean
	StompChangePublisher durableFlowStompChangePublisher(ObjectProvider<SimpMessageSendingOperations> messaging,
			LiveInterest interest) {
		return new StompChangePublisher(messaging, interest);
	}

	@Bean
	@ConditionalOnMissingBean
	ChangeFanout durableFlowChangeFanout(WakeChannel channel, WorkflowJson json, StompChangePublisher stomp,
			LiveInterest interest) {
		return new ChangeFanout(channel, json, stomp, interest);
	}

	/**
	 * STOMP over WebSocket: its session events say who subscribes to DurableFlow's
	 * destinations.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(SessionSubscribeEvent.class)
	static class SubscriptionTrackingConfiguration {

		@Bean
		@ConditionalOnMissingBean
		LiveSubscriptionTracker durableFlowLiveSubscriptionTracker(LiveInterest interest) {
			return new LiveSubscriptionTracker(interest);
		}

	}

}
