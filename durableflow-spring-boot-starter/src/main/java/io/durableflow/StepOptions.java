package io.durableflow;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * How a step is retried and how long one attempt may take. Immutable; build with
 * {@link #builder()}. Defaults: 3 attempts, backoff 1s doubling up to 5 minutes with
 * jitter, no timeout, every exception but a permanent {@link StepError} retried.
 */
public final class StepOptions {

	private static final StepOptions DEFAULTS = builder().build();

	private final int maxAttempts;

	private final Duration initialBackoff;

	private final double backoffMultiplier;

	private final Duration maxBackoff;

	private final @Nullable Duration timeout;

	private final boolean linear;

	private final List<Class<? extends Throwable>> retryOn;

	private final List<Class<? extends Throwable>> abortOn;

	private StepOptions(Builder b) {
		this.maxAttempts = b.maxAttempts;
		this.initialBackoff = b.initialBackoff;
		this.backoffMultiplier = b.backoffMultiplier;
		this.maxBackoff = b.maxBackoff;
		this.timeout = b.timeout;
		this.linear = b.linear;
		this.retryOn = List.copyOf(b.retryOn);
		this.abortOn = List.copyOf(b.abortOn);
	}

	public static StepOptions defaults() {
		return DEFAULTS;
	}

	public static Builder builder() {
		return new Builder();
	}

	public int maxAttempts() {
		return this.maxAttempts;
	}

	public Duration initialBackoff() {
		return this.initialBackoff;
	}

	public double backoffMultiplier() {
		return this.backoffMultiplier;
	}

	public Duration maxBackoff() {
		return this.maxBackoff;
	}

	/** The time one attempt may take, or {@code null} for no limit. */
	public @Nullable Duration timeout() {
		return this.timeout;
	}

	/** Whether the back-off grows linearly ({@link Builder#linearBackoff()}). */
	public boolean isLinearBackoff() {
		return this.linear;
	}

	/**
	 * Whether a failure may be retried: a {@link StepError} says so itself; otherwise an
	 * {@code abortOn} type never is, and when {@code retryOn} is set only those types
	 * are.
	 */
	public boolean isRetryable(Throwable failure) {
		if (failure instanceof StepError stepError) {
			return stepError.isRetryable();
		}
		if (this.abortOn.stream().anyMatch((type) -> type.isInstance(failure))) {
			return false;
		}
		return this.retryOn.isEmpty() || this.retryOn.stream().anyMatch((type) -> type.isInstance(failure));
	}

	/** The backoff before attempt {@code attempt + 1}, before jitter. */
	public Duration backoffAfter(int attempt) {
		double millis = this.linear ? (double) this.initialBackoff.toMillis() * Math.max(1, attempt)
				: this.initialBackoff.toMillis() * Math.pow(this.backoffMultiplier, Math.max(0, attempt - 1));
		return (millis >= this.maxBackoff.toMillis()) ? this.maxBackoff : Duration.ofMillis((long) millis);
	}

	public Builder toBuilder() {
		Builder b = new Builder();
		b.maxAttempts = this.maxAttempts;
		b.initialBackoff = this.initialBackoff;
		b.backoffMultiplier = this.backoffMultiplier;
		b.maxBackoff = this.maxBackoff;
		b.timeout = this.timeout;
		b.linear = this.linear;
		b.retryOn = List.copyOf(this.retryOn);
		b.abortOn = List.copyOf(this.abortOn);
		return b;
	}

	@Override
	public String toString() {
		return "StepOptions{maxAttempts=" + this.maxAttempts + ", initialBackoff=" + this.initialBackoff
				+ ", backoffMultiplier=" + this.backoffMultiplier + ", maxBackoff=" + this.maxBackoff
				+ (this.linear ? ", linear" : "") + ", timeout=" + this.timeout + ", retryOn=" + this.retryOn
				+ ", abortOn=" + this.abortOn + "}";
	}

	public static final class Builder {

		private int maxAttempts = 3;

		private Duration initialBackoff = Duration.ofSeconds(1);

		private double backoffMultiplier = 2.0;

		private Duration maxBackoff = Duration.ofMinutes(5);

		private @Nullable Duration timeout;

		private boolean linear;

		private List<Class<? extends Throwable>> retryOn = List.of();

		private List<Class<? extends Throwable>> abortOn = List.of();

		private Builder() {
		}

		/** Attempts in all, the first included; 1 means no retry. */
		public Builder maxAttempts(int maxAttempts) {
			if (maxAttempts < 1) {
				throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
			}
			this.maxAttempts = maxAttempts;
			return this;
		}

		public Builder initialBackoff(Duration initialBackoff) {
			this.initialBackoff = positiveOrZero("initialBackoff", initialBackoff);
			return this;
		}

		public Builder backoffMultiplier(double backoffMultiplier) {
			if (!(backoffMultiplier >= 1.0)) {
				throw new IllegalArgumentException("backoffMultiplier must be at least 1.0, was " + backoffMultiplier);
			}
			this.backoffMultiplier = backoffMultiplier;
			return this;
		}

		/**
		 * Linear back-off: the delay before the n-th retry is {@code initialBackoff × n}
		 * (up to {@code maxBackoff}); the multiplier is not used. A YAML task's
		 * {@code backoff: linear}.
		 */
		public Builder linearBackoff() {
			this.linear = true;
			return this;
		}

		public Builder maxBackoff(Duration maxBackoff) {
			this.maxBackoff = positiveOrZero("maxBackoff", maxBackoff);
			return this;
		}

		/**
		 * The time one attempt may take; an attempt over it fails retryably with code
		 * {@code step_timeout}.
		 */
		public Builder timeout(Duration timeout) {
			Objects.requireNonNull(timeout, "timeout");
			if (timeout.isNegative() || timeout.isZero()) {
				throw new IllegalArgumentException("timeout must be positive, was " + timeout);
			}
			this.timeout = timeout;
			return this;
		}

		/** Retry only these exception types (and retryable {@link StepError}s). */
		@SafeVarargs
		public final Builder retryOn(Class<? extends Throwable>... types) {
			this.retryOn = List.of(types);
			return this;
		}

		/** Never retry these exception types. */
		@SafeVarargs
		public final Builder abortOn(Class<? extends Throwable>... types) {
			this.abortOn = List.of(types);
			return this;
		}

		public StepOptions build() {
			if (this.maxBackoff.compareTo(this.initialBackoff) < 0) {
				throw new IllegalArgumentException("maxBackoff (" + this.maxBackoff
						+ ") is shorter than initialBackoff (" + this.initialBackoff + ")");
			}
			return new StepOptions(this);
		}

		private static Duration positiveOrZero(String what, Duration value) {
			Objects.requireNonNull(value, what);
			if (value.isNegative()) {
				throw new IllegalArgumentException(what + " must not be negative, was " + value);
			}
			return value;
		}

	}

}
