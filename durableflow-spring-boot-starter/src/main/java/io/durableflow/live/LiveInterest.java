package io.durableflow.live;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.durableflow.notify.WakeChannel;
import io.durableflow.support.PeriodicTask;
import io.durableflow.support.LifecyclePhases;

import org.springframework.context.SmartLifecycle;

/**
 * Whether anyone watches live changes: this instance counts its own STOMP subscriptions
 * and, while it has any, says so to the other instances every few seconds (NOTIFY on
 * {@value #CHANNEL}). An instance fans its changes out only while some instance has said
 * so recently, so a cluster that nobody is watching pays nothing for live changes.
 */
public class LiveInterest implements SmartLifecycle {

	public static final String CHANNEL = "durableflow_interest";

	static final long ANNOUNCE_MILLIS = 5_000;

	/** Interest lapses after three missed announcements. */
	static final long LAPSE_MILLIS = 3 * ANNOUNCE_MILLIS;

	private final WakeChannel channel;

	private final AtomicInteger localSubscriptions = new AtomicInteger();

	private final PeriodicTask announcer = new PeriodicTask("live-interest", Duration.ofMillis(ANNOUNCE_MILLIS),
			Duration.ofMillis(ANNOUNCE_MILLIS), this::announceIfWatched);

	private volatile long remoteInterestUntil;

	public LiveInterest(WakeChannel channel) {
		this.channel = channel;
		channel.listen(CHANNEL,
				(origin, payload) -> this.remoteInterestUntil = System.currentTimeMillis() + LAPSE_MILLIS);
	}

	/**
	 * Starts announcing, every {@value #ANNOUNCE_MILLIS} ms, that this instance has live
	 * subscribers.
	 */
	@Override
	public void start() {
		this.announcer.start();
	}

	@Override
	public void stop() {
		this.announcer.stop(Duration.ZERO);
	}

	@Override
	public boolean isRunning() {
		return this.announcer.isRunning();
	}

	@Override
	public int getPhase() {
		return LifecyclePhases.LIVE;
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

	/**
	 * Whether another instance has live subscribers (as far as its announcements tell).
	 */
	public boolean isWatchedElsewhere() {
		return System.currentTimeMillis() < this.remoteInterestUntil;
	}

	private void announceIfWatched() {
		if (isWatchedLocally()) {
			this.channel.send(CHANNEL, "watching");
		}
	}

}
