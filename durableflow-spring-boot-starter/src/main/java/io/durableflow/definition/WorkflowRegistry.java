package io.durableflow.definition;

import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.durableflow.UnknownWorkflowException;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Every workflow the {@link DefinitionSource} beans offer, by name and by class. Built
 * once all singletons exist, so that a duplicate name fails start-up naming both origins;
 * after that, a lookup by name is one read of an immutable map (it is on the path of
 * every execution).
 */
public class WorkflowRegistry implements SmartInitializingSingleton {

	private final Supplier<Stream<DefinitionSource>> sources;

	/** The shortest time between two refreshes that names not found ask for. */
	public static final Duration MISS_REFRESH_INTERVAL = Duration.ofSeconds(1);

	private volatile @Nullable Map<String, WorkflowDefinition> byName;

	private final AtomicLong lastMissRefresh = new AtomicLong(System.nanoTime() - MISS_REFRESH_INTERVAL.toNanos());

	private volatile boolean refreshOnMiss;

	/**
	 * Whether a name not found makes the sources be asked again: for sources whose
	 * definitions change while the application runs (stored definitions).
	 */
	public void setRefreshOnMiss(boolean refreshOnMiss) {
		this.refreshOnMiss = refreshOnMiss;
	}

	/** A registry of the given sources, asked in their order. */
	public WorkflowRegistry(ObjectProvider<DefinitionSource> sources) {
		this.sources = sources::orderedStream;
	}

	/** A registry of the given sources, asked in this order. */
	public WorkflowRegistry(List<? extends DefinitionSource> sources) {
		List<DefinitionSource> copy = List.copyOf(sources);
		this.sources = copy::stream;
	}

	@Override
	public void afterSingletonsInstantiated() {
		definitions();
	}

	public WorkflowDefinition byName(String name) {
		WorkflowDefinition definition = lookUp(name);
		if (definition == null) {
			throw new UnknownWorkflowException(name, new TreeSet<>(definitions().keySet()));
		}
		return definition;
	}

	public Optional<WorkflowDefinition> find(String name) {
		return Optional.ofNullable(lookUp(name));
	}

	/**
	 * The workflow of that name. A name not found makes the sources be asked again (at
	 * most once every {@link #MISS_REFRESH_INTERVAL}): a definition registered on another
	 * instance is then found here too, also when the notice of it was missed.
	 */
	private @Nullable WorkflowDefinition lookUp(String name) {
		WorkflowDefinition definition = definitions().get(name);
		if (definition == null && this.refreshOnMiss) {
			long now = System.nanoTime();
			long last = this.lastMissRefresh.get();
			if (now - last >= MISS_REFRESH_INTERVAL.toNanos() && this.lastMissRefresh.compareAndSet(last, now)) {
				try {
					refresh();
				}
				catch (RuntimeException ex) {
					// the old set stays, as with any refresh that fails
					return null;
				}
				definition = definitions().get(name);
			}
		}
		return definition;
	}

	public WorkflowDefinition byType(Class<?> type) {
		return definitions().values()
			.stream()
			.filter((definition) -> type.isAssignableFrom(definition.workflowClass()))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No @DurableWorkflow bean of type " + type.getName()
					+ " is registered; known workflows: " + new TreeSet<>(definitions().keySet())));
	}

	/** Every workflow, in the order of the sources and of their definitions. */
	public Collection<WorkflowDefinition> all() {
		return definitions().values();
	}

	/**
	 * Asks every source again, for sources whose definitions change while the application
	 * runs. Lookups see the old definitions or the new ones, never a mix; when two
	 * definitions share a name, this throws and the old ones stay.
	 */
	public void refresh() {
		Map<String, WorkflowDefinition> definitions = collect();
		synchronized (this) {
			this.byName = definitions;
		}
	}

	private Map<String, WorkflowDefinition> definitions() {
		Map<String, WorkflowDefinition> definitions = this.byName;
		if (definitions == null) {
			synchronized (this) {
				definitions = this.byName;
				if (definitions == null) {
					definitions = collect();
					this.byName = definitions;
				}
			}
		}
		return definitions;
	}

	private Map<String, WorkflowDefinition> collect() {
		Map<String, WorkflowDefinition> found = new LinkedHashMap<>();
		this.sources.get().forEach((source) -> {
			for (WorkflowDefinition definition : source.definitions()) {
				WorkflowDefinition previous = found.putIfAbsent(definition.name(), definition);
				if (previous != null) {
					throw new IllegalStateException("Two workflows are named '" + definition.name() + "': "
							+ previous.origin() + " and " + definition.origin()
							+ ". Give each workflow a unique name (a @DurableWorkflow bean by its name attribute).");
				}
			}
		});
		return Collections.unmodifiableMap(found);
	}

}
