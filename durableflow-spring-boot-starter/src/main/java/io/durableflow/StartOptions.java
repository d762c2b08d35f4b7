package io.durableflow;

import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * How a run is started. Immutable; build with {@link #builder()}.
 * <ul>
 * <li>{@code runId}: the run's id; starting again with the same id returns the existing
 * run.</li>
 * <li>{@code queue}: the queue the run belongs to ({@code default}); any other queue must
 * be declared ({@code durableflow.queues.<name>}).</li>
 * <li>{@code priority}: higher first within its queue, default 0.</li>
 * <li>{@code concurrencyKey}: in a queue with {@code concurrency-per-key}, the key whose
 * limit the run counts against (a tenant, say); keys take turns.</li>
 * <li>{@code delay}: the run becomes due only after this delay.</li>
 * <li>{@code dedupKey}: at most one unfinished run of the workflow with this key; another
 * start throws {@link DeduplicatedRunException} until that run finishes.</li>
 * <li>{@code userId}, {@code hostingMode}, {@code lifecycleStage}, {@code tutorialSlug}:
 * who the run belongs to (see the tutorials API for platform-template runs).</li>
 * <li>{@code name}, {@code metadata}: what the run is about, for people and for
 * filtering: a title ({@code "Invoice 42"}) and string pairs ({@code customer=acme}),
 * shown on the console and matched by {@link RunQuery.Builder#metadata(String, String)}
 * (limits in {@link RunMetadata}).</li>
 * </ul>
 */
public final class StartOptions {

	private static final StartOptions DEFAULTS = builder().build();

	private final @Nullable String runId;

	private final String queue;

	private final Duration delay;

	private final @Nullable String userId;

	private final HostingMode hostingMode;

	private final LifecycleStage lifecycleStage;

	private final @Nullable String tutorialSlug;

	private final @Nullable String dedupKey;

	private final int priority;

	private final @Nullable String concurrencyKey;

	private final @Nullable String name;

	private final Map<String, String> metadata;

	private StartOptions(Builder b) {
		this.name = b.name;
		this.metadata = b.metadata;
		this.dedupKey = b.dedupKey;
		this.priority = b.priority;
		this.concurrencyKey = b.concurrencyKey;
		this.runId = b.runId;
		this.queue = b.queue;
		this.delay = b.delay;
		this.userId = b.userId;
		this.hostingMode = b.hostingMode;
		this.lifecycleStage = b.lifecycleStage;
		this.tutorialSlug = b.tutorialSlug;
	}

	public static StartOptions defaults() {
		return DEFAULTS;
	}

	public static Builder builder() {
		return new Builder();
	}

	/** The requested run id, or {@code null} to have one generated. */
	public @Nullable String runId() {
		return this.runId;
	}

	/** The dedup key, or {@code null}: see {@link Builder#dedupKey(String)}. */
	public @Nullable String dedupKey() {
		return this.dedupKey;
	}

	public String queue() {
		return this.queue;
	}

	/** The priority within its queue: higher first, default 0. */
	public int priority() {
		return this.priority;
	}

	/**
	 * The concurrency key, or {@code null}: see {@link Builder#concurrencyKey(String)}.
	 */
	public @Nullable String concurrencyKey() {
		return this.concurrencyKey;
	}

	public Duration delay() {
		return this.delay;
	}

	public @Nullable String userId() {
		return this.userId;
	}

	public HostingMode hostingMode() {
		return this.hostingMode;
	}

	public LifecycleStage lifecycleStage() {
		return this.lifecycleStage;
	}

	public @Nullable String tutorialSlug() {
		return this.tutorialSlug;
	}

	/** The run's name, or {@code null}: see {@link Builder#name(String)}. */
	public @Nullable String name() {
		return this.name;
	}

	/**
	 * The run's metadata, ordered by key; empty when the start gave none: see
	 * {@link Builder#metadata(Map)}.
	 */
	public Map<String, String> metadata() {
		return this.metadata;
	}

	public static final class Builder {

		private @Nullable String runId;

		private String queue = "default";

		private Duration delay = Duration.ZERO;

		private @Nullable String userId;

		private HostingMode hostingMode = HostingMode.USER_GIT;

		private LifecycleStage lifecycleStage = LifecycleStage.LIVE;

		private @Nullable String tutorialSlug;

		private @Nullable String dedupKey;

		private int priority;

		private @Nullable String concurrencyKey;

		private @Nullable String name;

		private Map<String, String> metadata = Map.of();

		private Builder() {
		}

		/**
		 * A name for people ({@code "Invoice 42"}), shown on the console beside the run
		 * id: at most {@value RunMetadata#MAX_NAME_LENGTH} characters, not blank;
		 * {@code null} for none. Names need not be unique.
		 * @throws IllegalArgumentException if it is blank or too long
		 */
		public Builder name(@Nullable String name) {
			this.name = RunMetadata.checkName(name);
			return this;
		}

		/**
		 * String pairs that say what the run is about ({@code customer=acme},
		 * {@code region=eu}), stored with the run, shown on the console and matched by
		 * {@link RunQuery.Builder#metadata(String, String)} and the runs list's filter.
		 * At most {@value RunMetadata#MAX_ENTRIES} entries; keys of 1 to
		 * {@value RunMetadata#MAX_KEY_LENGTH} letters, digits, {@code _}, {@code -} or
		 * {@code .}; values of at most {@value RunMetadata#MAX_VALUE_LENGTH} characters,
		 * never {@code null}. Replaces what an earlier call gave.
		 * @throws IllegalArgumentException naming the entry that breaks a limit
		 */
		public Builder metadata(@Nullable Map<String, String> metadata) {
			this.metadata = RunMetadata.copyOf(metadata);
			return this;
		}

		public Builder runId(@Nullable String runId) {
			if (runId != null && (runId.isBlank() || runId.length() > 200)) {
				throw new IllegalArgumentException("runId must be 1 to 200 non-blank characters");
			}
			this.runId = runId;
			return this;
		}

		public Builder queue(String queue) {
			if (queue == null || queue.isBlank()) {
				throw new IllegalArgumentException("queue must not be blank");
			}
			this.queue = queue;
			return this;
		}

		/**
		 * The run's priority within its queue: of the runs due in a queue, those of
		 * higher priority are claimed first, and equal ones in due order. Default 0;
		 * negative values come after the default. A steady stream of higher-priority runs
		 * delays lower ones for as long as it lasts (README, "Queues").
		 */
		public Builder priority(int priority) {
			this.priority = priority;
			return this;
		}

		/**
		 * The key whose limit the run counts against in a queue with
		 * {@code concurrency-per-key} (a tenant or a customer, say): at most that many of
		 * a key's runs run at once, and keys take turns, so one key's backlog never holds
		 * up another's. A start in such a queue must give one; in other queues the key is
		 * recorded and shown but limits nothing.
		 */
		public Builder concurrencyKey(@Nullable String concurrencyKey) {
			if (concurrencyKey != null && (concurrencyKey.isBlank() || concurrencyKey.length() > 200)) {
				throw new IllegalArgumentException("concurrencyKey must be 1 to 200 non-blank characters");
			}
			this.concurrencyKey = concurrencyKey;
			return this;
		}

		/**
		 * At most one unfinished run of the workflow may carry this key: a start with a
		 * key that an unfinished run holds throws {@link DeduplicatedRunException} naming
		 * that run (held by the database, so racing starts make one run); free again once
		 * that run finishes. Unlike {@link #runId(String)}, a start that finds the key
		 * taken does not return the existing run: it is refused.
		 */
		public Builder dedupKey(@Nullable String dedupKey) {
			if (dedupKey != null && (dedupKey.isBlank() || dedupKey.length() > 200)) {
				throw new IllegalArgumentException("dedupKey must be 1 to 200 non-blank characters");
			}
			this.dedupKey = dedupKey;
			return this;
		}

		public Builder delay(Duration delay) {
			if (delay == null || delay.isNegative()) {
				throw new IllegalArgumentException("delay must not be null or negative");
			}
			this.delay = delay;
			return this;
		}

		public Builder userId(@Nullable String userId) {
			this.userId = userId;
			return this;
		}

		public Builder hostingMode(HostingMode hostingMode) {
			this.hostingMode = java.util.Objects.requireNonNull(hostingMode, "hostingMode");
			return this;
		}

		public Builder lifecycleStage(LifecycleStage lifecycleStage) {
			this.lifecycleStage = java.util.Objects.requireNonNull(lifecycleStage, "lifecycleStage");
			return this;
		}

		public Builder tutorialSlug(@Nullable String tutorialSlug) {
			this.tutorialSlug = tutorialSlug;
			return this;
		}

		public StartOptions build() {
			if (this.hostingMode == HostingMode.PLATFORM_TEMPLATE) {
				if (this.userId == null || this.tutorialSlug == null) {
					throw new IllegalArgumentException("A platform-template run needs a userId and a tutorialSlug");
				}
				if (this.lifecycleStage == LifecycleStage.LIVE) {
					throw new IllegalArgumentException(
							"A platform-template run is always PLAYGROUND; it never goes LIVE");
				}
			}
			return new StartOptions(this);
		}

	}

}
