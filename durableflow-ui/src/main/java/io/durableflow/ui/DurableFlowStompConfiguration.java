package io.durableflow.ui;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.web.socket.config.annotation.DelegatingWebSocketMessageBrokerConfiguration;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

/**
 * The console's STOMP endpoint, {@code {durableflow.ui.path}/ws}. With no message broker
 * of the host's own, a simple in-memory broker for {@code /topic} is set up; a host that
 * configures its own {@code @EnableWebSocketMessageBroker} (for example a relay to an
 * external STOMP broker for large deployments) keeps it, and DurableFlow publishes
 * through it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(WebSocketMessageBrokerConfigurer.class)
@ConditionalOnBooleanProperty(name = "durableflow.live.enabled", matchIfMissing = true)
class DurableFlowStompConfiguration {

	@Bean
	WebSocketMessageBrokerConfigurer durableFlowStompEndpoint(DurableFlowUiProperties properties) {
		return new WebSocketMessageBrokerConfigurer() {
			@Override
			public void registerStompEndpoints(StompEndpointRegistry registry) {
				registry.addEndpoint(properties.getPath() + "/ws");
			}
		};
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(DelegatingWebSocketMessageBrokerConfiguration.class)
	@EnableWebSocketMessageBroker
	static class SimpleBrokerConfiguration {

		@Bean
		WebSocketMessageBrokerConfigurer durableFlowSimpleBroker(
				@Qualifier("clientOutboundChannel") ObjectProvider<MessageChannel> clientOutbound) {
			return new WebSocketMessageBrokerConfigurer() {
				@Override
				public void configureClientInboundChannel(ChannelRegistration registration) {
					registration.interceptors(new SubscriptionReceipts(clientOutbound));
				}

				@Override
				public void configureMessageBroker(MessageBrokerRegistry registry) {
					registry.enableSimpleBroker("/topic");
					// a browser must see a run's changes in commit order, not as a thread
					// pool sends them
					registry.setPreservePublishOrder(true);
				}
			};
		}

	}

}
