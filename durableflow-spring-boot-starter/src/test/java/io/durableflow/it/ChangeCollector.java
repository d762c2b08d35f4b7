package io.durableflow.it;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.durableflow.WorkflowChange;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** A host's listener of committed changes, by run id. */
@Component
public class ChangeCollector {

	private final Map<String, List<WorkflowChange>> byRun = new ConcurrentHashMap<>();

	static volatile boolean explode;

	@EventListener
	void on(WorkflowChange change) {
		if (change.runId() != null) {
			this.byRun.computeIfAbsent(change.runId(), (id) -> new CopyOnWriteArrayList<>()).add(change);
		}
		if (explode) {
			throw new IllegalStateException("a listener that fails");
		}
	}

	public List<WorkflowChange> of(String runId) {
		return this.byRun.getOrDefault(runId, List.of());
	}

}
