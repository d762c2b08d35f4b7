package io.durableflow.live;

import io.durableflow.ChangeListener;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.time.Duration;

import io.durableflow.WorkflowChange;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.durableflow.support.PeriodicTask;
import io.durableflow.support.LifecyclePhases;

import org.springframework.context.SmartLifecycle;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.messaging.simp.SimpMessageSendingOperations;

/**
 * Sends changes to STOMP subscribers: run-level changes to {@value #RUNS}, everything of
 * a run to {@value #RUNS}/{runId}. Changes are gathered for {@value #WINDOW_MILLIS} ms
 * and coalesced per record (the latest state wins; a creation stays a creation and keeps
 * what only it carries, such as the run's queue), so a burst from one run does not flood
 * browsers. Changes from other instances arrive through {@link #sendRemote}.
 */
public class StompChangePublisher implements ChangeListener, SmartLifecycle {

	public static final String RUNS = "/topic/durableflow/runs";

	static final long WINDOW_MILLIS = 50;

	private static final Log logger = LogFactory.getLog(StompChangePublisher.class);

	private final ObjectProvider<SimpMessageSendingOperations> messaging;

	private final LiveInterest interest;

	private final Map<String, Map<String, Object>> pending = new LinkedHashMap<>();

	private final PeriodicTask flusher = new PeriodicTask("stomp", Duration.ofMillis(WINDOW_MILLIS),
			Duration.ofMillis(WINDOW_MILLIS), this::flush);

	public StompChangePublisher(ObjectProvider<SimpMessageSendingOperations> messaging, LiveInterest interest) {
		this.messaging = messaging;
		this.interest = interest;
	}

	/** Starts flushing queued changes to subscribers every {@value #WINDOW_MILLIS} ms. */
	@Override
	public void start() {
		this.flusher.start();
	}

	/**
	 * Flushes what is queued one last time and stops; after the change dispatcher, which
	 * feeds it.
	 */
	@Override
	public void stop() {
		if (this.flusher.stop(Duration.ZERO)) {
			flush();
		}
	}

	@Override
	public boolean isRunning() {
		return this.flusher.isRunning();
	}

	@Override
	public int getPhase() {
		return LifecyclePhases.LIVE;
	}

	@Override
	public void onChanges(List<WorkflowChange> changes) {
		if (!this.interest.isWatchedLocally()) {
			return; // no subscriber here: the broker would drop them anyway
		}
		List<Map<String, Object>> payloads = new ArrayList<>(changes.size());
		changes.forEach((change) -> payloads.add(change.payload()));
		sendRemote(payloads);
	}

	/**
	 * Queues change payloads (as {@link WorkflowChange#payload()} makes them) for
	 * subscribers.
	 */
	public void sendRemote(List<Map<String, Object>> payloads) {
		synchronized (this.pending) {
			for (Map<String, Object> payload : payloads) {
				String key = payload.get("recordType") + "/" + payload.get("recordId");
				Map<String, Object> previous = this.pending.remove(key);
				Map<String, Object> merged = new LinkedHashMap<>(payload);
				if (previous != null && String.valueOf(previous.get("type")).endsWith(".created")) {
					// still a creation, with what the creation said (its queue, hosting
					// mode,
					// user: what the runs list filters new rows by) under the later state
					merged.put("type", previous.get("type"));
					merged.put("snapshot", mergedSnapshot(previous.get("snapshot"), payload.get("snapshot")));
				}
				this.pending.put(key, merged);
			}
		}
	}

	private static Map<Object, Object> mergedSnapshot(Object earlier, Object later) {
		Map<Object, Object> snapshot = new LinkedHashMap<>();
		if (earlier instanceof Map<?, ?> map) {
			snapshot.putAll(map);
		}
		if (later instanceof Map<?, ?> map) {
			snapshot.putAll(map);
		}
		return snapshot;
	}

	void flush() {
		List<Map<String, Object>> batch;
		synchronized (this.pending) {
			if (this.pending.isEmpty()) {
				return;
			}
			batch = new ArrayList<>(this.pending.values());
			this.pending.clear();
		}
		SimpMessageSendingOperations operations = this.messaging.getIfAvailable();
		if (operations == null) {
			return;
		}
		for (Map<String, Object> payload : batch) {
			try {
				Object runId = payload.get("runId");
				if (WorkflowChange.RUN.equals(payload.get("recordType"))) {
					operations.convertAndSend(RUNS, (Object) payload);
				}
				if (runId != null) {
					operations.convertAndSend(RUNS + "/" + runId, (Object) payload);
				}
			}
			catch (RuntimeException ex) {
				logger.debug("Could not send a change to STOMP subscribers", ex);
			}
		}
	}

}
