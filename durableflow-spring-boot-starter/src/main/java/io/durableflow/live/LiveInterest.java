package io.durableflow.live;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.durableflow.notify.WakeChannel;

import org.springframework.beans.factory.DisposableBean;

/**
 * Whether anyone watches live changes: this instance counts its own STOMP subscriptions and, while
 * it has any, says so to the other instances every few seconds (NOTIFY on {@value #CHANNEL}). An
 * instance fans its changes out only while some instance has said so recently, so a cluster that
 * nobody is watching pays nothing for live changes.
 */
public class LiveInterest implements DisposableBean {

	public static final String CHANNEL = "durableflow_interest";

	static final long ANNOUNCE_MILLIS = 5_000;

	/** Interest lapses after three missed announcements. */
	static final long LAPSE_MILLIS = 3 * ANNOUNCE_MILLIS;

	private final WakeChannel channel;

	private final AtomicInteger localSubscriptions = new AtomicInteger();

	private final ScheduledExecutorService announcer;

	private volatile long remoteInterestUntil;

	public LiveInterest(WakeChannel channel) {
		this.channel = channel;
		channel.listen(CHANNEL, (origin, payload) -> this.remoteInterestUntil = System.currentTimeMillis()
				+ LAPSE_MILLIS);
		this.announcer = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "durableflow-live-interest");
			thread.setDaemon(true);
			return thread;
		});
		this.announcer.scheduleWithFixedDelay(this::announceIfWatched, ANNOUNCE_MILLIS, ANNOUNCE_MILLIS,
				TimeUnit.MILLISECONDS);
	}

	/** A local client subscribed to a live destination. */
	public void subscribed() {
		if (this.localSubscriptions.incrementAndGet() == 1) {
			announceIfWatched();
		}
	}

	/** A local subscription ended (unsubscribed or disconnected). */
	public void unsubscribed() {
		this.localSubscriptions.updateAndGet((n) -> Math.max(0, n - 1));
	}

	public boolean isWatchedLocally() {
		return this.localSubscriptions.get() > 0;
	}

	/** Whether another instance has live subscribers (as far as its announcements tell). */
	public boolean isWatchedElsewhere() {
		return System.currentTimeMillis() < this.remoteInterestUntil;
	}

	private void announceIfWatched() {
		if (isWatchedLocally()) {
			this.channel.send(CHANNEL, "watching");
		}
	}

	@Override
	public void destroy() {
		this.announcer.shutdownNow();
	}

}
