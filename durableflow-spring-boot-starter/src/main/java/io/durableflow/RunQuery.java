package io.durableflow;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * Which runs {@link DurableFlow#runs(RunQuery)} lists: every criterion given must hold
 * (an AND), newest runs first, at most {@link #limit()} of them. Immutable; build with
 * {@link #builder()}.
 *
 * <pre>{@code
 * flow.runs(RunQuery.builder().metadata("customer", "acme").metadata("region", "eu").build());
 * }</pre>
 */
public final class RunQuery {

	/** The most runs one query may ask for. */
	public static final int MAX_LIMIT = 500;

	private final @Nullable String workflowName;

	private final @Nullable RunStatus status;

	private final Map<String, String> metadata;

	private final @Nullable String before;

	private final int limit;

	private RunQuery(Builder b) {
		this.workflowName = b.workflowName;
		this.status = b.status;
		this.metadata = Collections.unmodifiableMap(new TreeMap<>(b.metadata));
		this.before = b.before;
		this.limit = b.limit;
	}

	public static Builder builder() {
		return new Builder();
	}

	/** Only runs of this workflow, or {@code null} for any. */
	public @Nullable String workflowName() {
		return this.workflowName;
	}

	/** Only runs in this status, or {@code null} for any. */
	public @Nullable RunStatus status() {
		return this.status;
	}

	/** Pairs a run's metadata must all hold, ordered by key; empty for any. */
	public Map<String, String> metadata() {
		return this.metadata;
	}

	/**
	 * Only runs started before the run with this id (the next page after it), or
	 * {@code null}.
	 */
	public @Nullable String before() {
		return this.before;
	}

	/** The most runs to list. */
	public int limit() {
		return this.limit;
	}

	@Override
	public String toString() {
		return "RunQuery{workflowName=" + this.workflowName + ", status=" + this.status + ", metadata=" + this.metadata
				+ ", before=" + this.before + ", limit=" + this.limit + "}";
	}

	public static final class Builder {

		private @Nullable String workflowName;

		private @Nullable RunStatus status;

		private final Map<String, String> metadata = new TreeMap<>();

		private @Nullable String before;

		private int limit = 50;

		private Builder() {
		}

		public Builder workflowName(@Nullable String workflowName) {
			this.workflowName = workflowName;
			return this;
		}

		public Builder status(@Nullable RunStatus status) {
			this.status = status;
			return this;
		}

		/**
		 * Only runs whose metadata holds {@code key} with exactly this value (case
		 * matters). Several pairs must all hold; the same key again replaces its value.
		 * Keys and values within the limits of {@link RunMetadata}. Served by the GIN
		 * index on the metadata column.
		 * @throws IllegalArgumentException if the key or the value breaks a limit
		 */
		public Builder metadata(String key, String value) {
			RunMetadata.check(key, value);
			if (!this.metadata.containsKey(key) && this.metadata.size() == RunMetadata.MAX_ENTRIES) {
				throw new IllegalArgumentException("A query may match at most " + RunMetadata.MAX_ENTRIES
						+ " metadata entries, as many as a run may have");
			}
			this.metadata.put(key, value);
			return this;
		}

		/** Each pair as {@link #metadata(String, String)} adds it. */
		public Builder metadata(Map<String, String> metadata) {
			metadata.forEach(this::metadata);
			return this;
		}

		/**
		 * Only runs started before the run with this id: with the last run id of a page,
		 * the next page. An id of no run lists nothing.
		 */
		public Builder before(@Nullable String runId) {
			this.before = runId;
			return this;
		}

		/**
		 * The most runs to list, 1 to {@value RunQuery#MAX_LIMIT}; 50 unless given.
		 * @throws IllegalArgumentException if out of that range
		 */
		public Builder limit(int limit) {
			if (limit < 1 || limit > MAX_LIMIT) {
				throw new IllegalArgumentException("A run query's limit must be 1 to " + MAX_LIMIT + ", not " + limit);
			}
			this.limit = limit;
			return this;
		}

		public RunQuery build() {
			return new RunQuery(this);
		}

	}

}
