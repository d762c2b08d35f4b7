package io.durableflow.live;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.durableflow.notify.WakeChannel;
import io.durableflow.support.DurableFlowThreads;
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

	private ScheduledExecutorService announcer;

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
	public synchronized void start() {
		if (this.announcer == null) {
			this.announcer = Executors.newSingleThreadScheduledExecutor(DurableFlowThreads.daemon("live-interest"));
			this.announcer.scheduleWithFixedDelay(this::announceIfWatched, ANNOUNCE_MILLIS, ANNOUNCE_MILLIS,
					TimeUnit.MILLISECONDS);
		}
	}

	@Override
	public synchronized void stop() {
		if (this.announcer != null) {
			this.announcer.shutdownNow();
			this.announcer = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.announcer != null;
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
