package io.durableflow;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * An option of a step of a step graph ({@link GraphBuilder#step},
 * {@link io.durableflow.action.ActionContext#emit}); options combine, a later one of the
 * same kind replacing an earlier one ({@code dependsOn} options add up).
 */
public final class GraphStep {

	private final List<StepHandle> handles;

	private final @Nullable String key;

	private final @Nullable String queueName;

	private final @Nullable StepOptions options;

	private GraphStep(List<StepHandle> handles, @Nullable String key, @Nullable String queueName,
			@Nullable StepOptions options) {
		this.handles = handles;
		this.key = key;
		this.queueName = queueName;
		this.options = options;
	}

	/** The step starts once every one of these steps completed. */
	public static GraphStep dependsOn(StepHandle... handles) {
		return dependsOn(Arrays.asList(handles));
	}

	/** The step starts once every one of these steps completed. */
	public static GraphStep dependsOn(Collection<StepHandle> handles) {
		if (handles.stream().anyMatch(java.util.Objects::isNull)) {
			throw new IllegalArgumentException("dependsOn takes step handles, not null");
		}
		return new GraphStep(List.copyOf(handles), null, null, null);
	}

	/**
	 * Within one run, the steps with the same dedup key execute once: the first that
	 * becomes ready runs, each later one completes with its result (and is stopped if it
	 * failed). The key is per run: another run's steps never share it.
	 */
	public static GraphStep dedupKey(String key) {
		text(key, "A dedup key must not be empty");
		return new GraphStep(List.of(), key, null, null);
	}

	/**
	 * The queue the step's execution runs in (a declared queue, see
	 * {@code durableflow.queues.*}); by default the action's
	 * {@code @DurableAction(queue)}, else {@code default}.
	 */
	public static GraphStep queue(String queue) {
		text(queue, "A queue name must not be empty");
		return new GraphStep(List.of(), null, queue, null);
	}

	/**
	 * How the step is retried and how long an attempt may take (attempts, backoff,
	 * timeout); {@link StepOptions#defaults()} by default. Which exceptions retry
	 * ({@code retryOn}, {@code abortOn}) is not kept: a permanent {@link StepError} stops
	 * the retries, any other failure is retried.
	 */
	public static GraphStep retry(StepOptions options) {
		if (options == null) {
			throw new IllegalArgumentException("retry takes step options");
		}
		return new GraphStep(List.of(), null, null, options);
	}

	/** The steps this option makes the step depend on. */
	public List<StepHandle> handles() {
		return this.handles;
	}

	/** The dedup key this option gives, or {@code null}. */
	public @Nullable String key() {
		return this.key;
	}

	/** The queue this option gives, or {@code null}. */
	public @Nullable String queueName() {
		return this.queueName;
	}

	/** The step options this option gives, or {@code null}. */
	public @Nullable StepOptions options() {
		return this.options;
	}

	private static void text(@Nullable String value, String message) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(message);
		}
	}

}
