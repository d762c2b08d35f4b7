package io.durableflow.ui;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.simp.broker.SimpleBrokerMessageHandler;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ExecutorChannelInterceptor;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Answers a {@code SUBSCRIBE} that asks for a receipt once the simple broker has
 * registered the subscription, which Spring's simple broker does not do by itself. The
 * console shows itself live only on that receipt, so a change committed right after the
 * page says "live" reaches it: without the receipt the page could say "live" while its
 * subscription was still on its way, and miss a change made in between. (A relay to a
 * real STOMP broker answers receipts itself.)
 */
class SubscriptionReceipts implements ExecutorChannelInterceptor {

	private final ObjectProvider<MessageChannel> clientOutbound;

	SubscriptionReceipts(ObjectProvider<MessageChannel> clientOutbound) {
		this.clientOutbound = clientOutbound;
	}

	@Override
	public void afterMessageHandled(Message<?> message, MessageChannel channel, MessageHandler handler, Exception ex) {
		if (ex != null || !(handler instanceof SimpleBrokerMessageHandler)) {
			return;
		}
		StompHeaderAccessor subscribe = StompHeaderAccessor.wrap(message);
		String receiptId = subscribe.getReceipt();
		if (subscribe.getCommand() != StompCommand.SUBSCRIBE || receiptId == null) {
			return;
		}
		StompHeaderAccessor receipt = StompHeaderAccessor.create(StompCommand.RECEIPT);
		receipt.setReceiptId(receiptId);
		receipt.setSessionId(subscribe.getSessionId());
		this.clientOutbound.getObject().send(MessageBuilder.createMessage(new byte[0], receipt.getMessageHeaders()));
	}

}
