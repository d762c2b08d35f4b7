package io.durableflow.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock a test moves by hand. Thread-safe. */
public final class MutableClock extends Clock {

	private volatile Instant now;

	public MutableClock(Instant start) {
		this.now = start;
	}

	/**
	 * Starts at the current time, truncated to milliseconds (as PostgreSQL stores
	 * microseconds).
	 */
	public static MutableClock startingNow() {
		return new MutableClock(Instant.ofEpochMilli(System.currentTimeMillis()));
	}

	@Override
	public Instant instant() {
		return this.now;
	}

	public void set(Instant instant) {
		this.now = instant;
	}

	public void advance(Duration duration) {
		if (duration.isNegative()) {
			throw new IllegalArgumentException("A test clock only moves forward; got " + duration);
		}
		this.now = this.now.plus(duration);
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		throw new UnsupportedOperationException("The DurableFlow test clock is always UTC");
	}

}
