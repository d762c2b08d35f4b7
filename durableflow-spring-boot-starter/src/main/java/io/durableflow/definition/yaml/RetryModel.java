package io.durableflow.definition.yaml;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A task's {@code retry}: a failed execution is tried again up to {@code count} times, so
 * it runs at most {@code count + 1} times.
 *
 * @param count how many retries (the validator allows 1 to 100)
 * @param delay the delay before the first retry, and the base of the others
 * @param backoff how the delay grows
 * @param maxDelay the cap of every delay; {@code null} for none
 */
public record RetryModel(int count, Duration delay, Backoff backoff, @Nullable Duration maxDelay) {

	public RetryModel {
		Assert.notNull(delay, "delay must not be null");
		Assert.notNull(backoff, "backoff must not be null");
	}

	/** How many times the task runs at most: the first attempt and every retry. */
	public int attempts() {
		return this.count + 1;
	}

	/**
	 * The delay before retry {@code n} (from 1): {@code d} constant, {@code d * n}
	 * linear, {@code d * 2^(n-1)} exponential, capped by {@link #maxDelay()}.
	 */
	public Duration delayBefore(int retry) {
		Assert.isTrue(retry >= 1, () -> "retries are counted from 1, was " + retry);
		Duration delay = switch (this.backoff) {
			case CONSTANT -> this.delay;
			case LINEAR -> this.delay.multipliedBy(retry);
			case EXPONENTIAL -> exponential(retry);
		};
		return (this.maxDelay != null && delay.compareTo(this.maxDelay) > 0) ? this.maxDelay : delay;
	}

	private Duration exponential(int retry) {
		int doublings = retry - 1;
		if (doublings >= 62 || this.delay.getSeconds() > (Long.MAX_VALUE >> doublings) / 4) {
			return (this.maxDelay != null) ? this.maxDelay : Duration.ofSeconds(Long.MAX_VALUE / 4);
		}
		return this.delay.multipliedBy(1L << doublings);
	}

	/** How the delay between retries grows ({@code backoff}). */
	public enum Backoff {

		/** The same delay before every retry (the default). */
		CONSTANT,

		/** {@code delay * n} before retry n. */
		LINEAR,

		/** {@code delay * 2^(n-1)} before retry n. */
		EXPONENTIAL;

		/** As written in YAML. */
		public String yamlName() {
			return name().toLowerCase();
		}

		static @Nullable Backoff of(String yamlName) {
			for (Backoff backoff : values()) {
				if (backoff.yamlName().equals(yamlName)) {
					return backoff;
				}
			}
			return null;
		}

	}

}
