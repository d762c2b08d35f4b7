package io.durableflow.queue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The queues this application declares, {@code default} always among them. A run's queue
 * must be one of them; an instance claims runs of its declared queues only.
 */
public final class Queues {

	private final Map<String, QueueSettings> byName;

	private final List<String> unlimited;

	private final List<QueueSettings> limited;

	public Queues(Collection<QueueSettings> declared) {
		Map<String, QueueSettings> byName = new LinkedHashMap<>();
		byName.put(QueueSettings.DEFAULT, QueueSettings.unlimited(QueueSettings.DEFAULT));
		declared.stream().sorted(Comparator.comparing(QueueSettings::name)).forEach((queue) -> {
			if (queue.name().equals(QueueSettings.DEFAULT) && queue.limited()) {
				throw new IllegalArgumentException(
						"The default queue takes no limits: declare a queue of your own " + "for the runs to limit");
			}
			byName.put(queue.name(), queue);
		});
		this.byName = Map.copyOf(byName);
		List<String> unlimited = new ArrayList<>();
		List<QueueSettings> limited = new ArrayList<>();
		byName.values().forEach((queue) -> {
			if (queue.limited()) {
				limited.add(queue);
			}
			else {
				unlimited.add(queue.name());
			}
		});
		this.unlimited = List.copyOf(unlimited);
		this.limited = List.copyOf(limited);
	}

	/** Only the {@code default} queue. */
	public static Queues defaultOnly() {
		return new Queues(List.of());
	}

	public Optional<QueueSettings> find(String name) {
		return Optional.ofNullable(this.byName.get(name));
	}

	/** All declared queues, {@code default} first, then by name. */
	public List<QueueSettings> all() {
		List<QueueSettings> all = new ArrayList<>(this.byName.values());
		all.sort(Comparator.comparing((QueueSettings q) -> !q.name().equals(QueueSettings.DEFAULT))
			.thenComparing(QueueSettings::name));
		return all;
	}

	/** The names of the queues without limits, {@code default} among them. */
	public List<String> unlimited() {
		return this.unlimited;
	}

	/** The queues with a limit, by name (the order their rows are locked in). */
	public List<QueueSettings> limited() {
		return this.limited;
	}

	/**
	 * The settings of a run's queue, or an {@link IllegalArgumentException} naming the
	 * declared queues.
	 */
	public QueueSettings require(String name) {
		QueueSettings queue = this.byName.get(name);
		if (queue == null) {
			throw new IllegalArgumentException("Queue '" + name + "' is not declared; declared queues: "
					+ String.join(", ", all().stream().map(QueueSettings::name).toList())
					+ " (declare one with durableflow.queues." + name + ".*)");
		}
		return queue;
	}

}
