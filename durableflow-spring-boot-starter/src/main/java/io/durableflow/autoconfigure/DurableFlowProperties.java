package io.durableflow.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/** Configuration of DurableFlow, under {@code durableflow}. */
@ConfigurationProperties("durableflow")
public class DurableFlowProperties {

	/**
	 * Whether to enable DurableFlow: schema migration, the workflow registry and the
	 * DurableFlow bean.
	 */
	private boolean enabled = true;

	private final Worker worker = new Worker();

	private final Writer writer = new Writer();

	private final Lease lease = new Lease();

	private final Live live = new Live();

	private final Metrics metrics = new Metrics();

	private final Health health = new Health();

	private final Tutorials tutorials = new Tutorials();

	/**
	 * Named queues and their limits, enforced by PostgreSQL across all instances. A run's
	 * queue must be declared here (the {@code default} queue always is, and takes no
	 * limits); an instance claims runs of the queues it declares.
	 */
	private final Map<String, Queue> queues = new LinkedHashMap<>();

	/** YAML workflow definitions, read from pack folders at start-up. */
	@NestedConfigurationProperty
	private final DefinitionsProperties definitions = new DefinitionsProperties();

	/** Artifacts: files runs store, where their bytes are kept, and their size limit. */
	@NestedConfigurationProperty
	private final ArtifactsProperties artifacts = new ArtifactsProperties();

	public DefinitionsProperties getDefinitions() {
		return this.definitions;
	}

	public ArtifactsProperties getArtifacts() {
		return this.artifacts;
	}

	public Map<String, Queue> getQueues() {
		return this.queues;
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Writer getWriter() {
		return this.writer;
	}

	public Worker getWorker() {
		return this.worker;
	}

	public Lease getLease() {
		return this.lease;
	}

	public Live getLive() {
		return this.live;
	}

	public Metrics getMetrics() {
		return this.metrics;
	}

	public Health getHealth() {
		return this.health;
	}

	public Tutorials getTutorials() {
		return this.tutorials;
	}

	public static class Worker {

		/**
		 * Whether this instance executes runs. An instance with workers off still starts,
		 * cancels and reads runs; others on the same database execute them.
		 */
		private boolean enabled = true;

		/**
		 * How many runs this instance executes at once (one thread each, and a pooled
		 * connection while writing).
		 */
		private int concurrency = 8;

		/**
		 * Longest time between looks for due work when no wake-up arrives (wake-ups come
		 * through LISTEN/NOTIFY).
		 */
		private Duration pollInterval = Duration.ofSeconds(1);

		/**
		 * How long running executions may take to finish when the application stops
		 * before their leases are released.
		 */
		private Duration shutdownTimeout = Duration.ofSeconds(10);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getConcurrency() {
			return this.concurrency;
		}

		public void setConcurrency(int concurrency) {
			this.concurrency = concurrency;
		}

		public Duration getPollInterval() {
			return this.pollInterval;
		}

		public void setPollInterval(Duration pollInterval) {
			this.pollInterval = pollInterval;
		}

		public Duration getShutdownTimeout() {
			return this.shutdownTimeout;
		}

		public void setShutdownTimeout(Duration shutdownTimeout) {
			this.shutdownTimeout = shutdownTimeout;
		}

	}

	public static class Writer {

		/**
		 * Most engine writes (steps recorded, runs ended, runs started outside a
		 * transaction) one commit carries. Writes that queue up while a commit is under
		 * way share the next one; each caller still returns only after its own write is
		 * committed. 1 writes each alone.
		 */
		private int batchSize = 64;

		/**
		 * How many group commits may be under way at once, each on a thread and a pooled
		 * connection of its own.
		 */
		private int threads = 2;

		public int getThreads() {
			return this.threads;
		}

		public void setThreads(int threads) {
			this.threads = threads;
		}

		public int getBatchSize() {
			return this.batchSize;
		}

		public void setBatchSize(int batchSize) {
			this.batchSize = batchSize;
		}

	}

	public static class Lease {

		/**
		 * How long a claimed run stays owned without a heartbeat. Heartbeats renew it
		 * every third of this; a run whose owner died is taken over once it expires.
		 * Tolerates clock skew between instances of up to about two thirds of it.
		 */
		private Duration ttl = Duration.ofSeconds(30);

		public Duration getTtl() {
			return this.ttl;
		}

		public void setTtl(Duration ttl) {
			this.ttl = ttl;
		}

	}

	public static class Live {

		/**
		 * Whether to publish every committed change of runs, steps, waits, events and
		 * logs: as Spring application events, over STOMP when Spring WebSocket is
		 * present, and to the other instances on the same database.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	public static class Metrics {

		/**
		 * Whether to record DurableFlow's Micrometer meters (when a MeterRegistry is
		 * present).
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	public static class Health {

		/**
		 * Longest a run may stay due without being claimed before the health indicator
		 * reports DOWN.
		 */
		private Duration maxLag = Duration.ofMinutes(5);

		public Duration getMaxLag() {
			return this.maxLag;
		}

		public void setMaxLag(Duration maxLag) {
			this.maxLag = maxLag;
		}

	}

	public static class Tutorials {

		/**
		 * Whether to offer platform-hosted tutorials: the tutorial catalog, the Tutorials
		 * bean that starts them and their meters.
		 */
		private boolean enabled = true;

		/** How many unfinished tutorial runs one user may have at once. */
		private int maxActivePerUser = 3;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getMaxActivePerUser() {
			return this.maxActivePerUser;
		}

		public void setMaxActivePerUser(int maxActivePerUser) {
			this.maxActivePerUser = maxActivePerUser;
		}

	}

	/** One named queue: each limit is off unless set. */
	public static class Queue {

		/** What the queue is for, shown in the console. */
		private String description;

		/** Most runs of the queue running at once, all instances together. */
		private Integer concurrency;

		/** Most runs of the queue running at once on any one instance. */
		private Integer workerConcurrency;

		/**
		 * Most runs of the queue running at once per concurrency key
		 * (StartOptions.concurrencyKey); keys take turns.
		 */
		private Integer concurrencyPerKey;

		private final RateLimit rateLimit = new RateLimit();

		public String getDescription() {
			return this.description;
		}

		public void setDescription(String description) {
			this.description = description;
		}

		public Integer getConcurrency() {
			return this.concurrency;
		}

		public void setConcurrency(Integer concurrency) {
			this.concurrency = concurrency;
		}

		public Integer getWorkerConcurrency() {
			return this.workerConcurrency;
		}

		public void setWorkerConcurrency(Integer workerConcurrency) {
			this.workerConcurrency = workerConcurrency;
		}

		public Integer getConcurrencyPerKey() {
			return this.concurrencyPerKey;
		}

		public void setConcurrencyPerKey(Integer concurrencyPerKey) {
			this.concurrencyPerKey = concurrencyPerKey;
		}

		public RateLimit getRateLimit() {
			return this.rateLimit;
		}

	}

	/**
	 * A sliding-window rate limit over all instances: at most {@code limit} claims (a
	 * run's start and each resume) per {@code period}.
	 */
	public static class RateLimit {

		/** Most claims per period. */
		private Integer limit;

		/** The window of the limit, at least 1 ms. */
		private Duration period;

		public Integer getLimit() {
			return this.limit;
		}

		public void setLimit(Integer limit) {
			this.limit = limit;
		}

		public Duration getPeriod() {
			return this.period;
		}

		public void setPeriod(Duration period) {
			this.period = period;
		}

	}

}
