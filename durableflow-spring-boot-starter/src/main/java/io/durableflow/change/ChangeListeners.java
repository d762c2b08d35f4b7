package io.durableflow.change;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.durableflow.ChangeListener;
import org.jspecify.annotations.Nullable;

/**
 * The listeners of a {@link ChangeRecorder}: the {@link ChangeListener} beans in their
 * order, then those added by hand in the order they were added.
 * <p>
 * The beans are looked up on first use, not when the recorder is created: listeners
 * depend on beans (the message broker, the wake channel, the meter registry, a user's own
 * services) that may need the stores, and the stores need the recorder. Reading them is a
 * volatile read on the hot path.
 */
final class ChangeListeners {

	private final Supplier<Stream<ChangeListener>> beans;

	/** Guarded by {@code this}. */
	private final List<ChangeListener> added = new ArrayList<>();

	/** Guarded by {@code this}; {@code null} until the beans were looked up. */
	private @Nullable List<ChangeListener> resolvedBeans;

	/** Guarded by {@code this}. */
	private boolean resolving;

	/**
	 * What the recorder hands changes to; {@code null} until the beans were looked up.
	 */
	private volatile @Nullable List<ChangeListener> current;

	ChangeListeners(Supplier<Stream<ChangeListener>> beans) {
		this.beans = beans;
	}

	List<ChangeListener> get() {
		List<ChangeListener> listeners = this.current;
		return (listeners != null) ? listeners : resolve();
	}

	synchronized void add(ChangeListener listener) {
		this.added.add(listener);
		if (this.resolvedBeans != null) {
			publish(this.resolvedBeans);
		}
	}

	synchronized void remove(ChangeListener listener) {
		this.added.remove(listener);
		if (this.resolvedBeans != null) {
			publish(this.resolvedBeans);
		}
	}

	private synchronized List<ChangeListener> resolve() {
		List<ChangeListener> beans = this.resolvedBeans;
		if (beans == null) {
			if (this.resolving) {
				// a listener bean being created made a change: the beans cannot hear of
				// it yet
				return List.copyOf(this.added);
			}
			this.resolving = true;
			try {
				beans = this.beans.get().toList();
			}
			finally {
				this.resolving = false;
			}
			this.resolvedBeans = beans;
		}
		return publish(beans);
	}

	private List<ChangeListener> publish(List<ChangeListener> beans) {
		List<ChangeListener> listeners = new ArrayList<>(beans);
		listeners.addAll(this.added);
		List<ChangeListener> snapshot = List.copyOf(listeners);
		this.current = snapshot;
		return snapshot;
	}

}
