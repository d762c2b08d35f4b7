package io.durableflow.live;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.durableflow.WorkflowChange;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Collects the changes the engine's statements report and hands them to the listeners only once
 * they are committed: at once for a statement that committed by itself, after commit for one
 * inside a transaction (nothing for a rollback). Listeners run on one thread of their own, in
 * commit order; a slow or failing listener never slows or fails a workflow (past a bounded
 * backlog, changes are dropped and counted).
 */
public class ChangeRecorder implements DisposableBean {

	private static final Log logger = LogFactory.getLog(ChangeRecorder.class);

	private static final int BACKLOG = 10_000;

	private final List<ChangeListener> listeners = new CopyOnWriteArrayList<>();

	private final ThreadPoolExecutor dispatcher;

	private final AtomicLong dropped = new AtomicLong();

	private final AtomicLong listenerFailures = new AtomicLong();

	public ChangeRecorder() {
		this.dispatcher = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(BACKLOG),
				(task) -> {
					Thread thread = new Thread(task, "durableflow-changes");
					thread.setDaemon(true);
					return thread;
				}, (task, executor) -> {
					if (this.dropped.incrementAndGet() % 1000 == 1) {
						logger.warn("DurableFlow change listeners are " + BACKLOG + " batches behind; dropping changes ("
								+ this.dropped.get() + " so far)");
					}
				});
	}

	public void addListener(ChangeListener listener) {
		this.listeners.add(listener);
	}

	public void removeListener(ChangeListener listener) {
		this.listeners.remove(listener);
	}

	/** Whether anyone listens; callers may skip building changes when not. */
	public boolean hasListeners() {
		return !this.listeners.isEmpty();
	}

	public long droppedBatches() {
		return this.dropped.get();
	}

	public long listenerFailures() {
		return this.listenerFailures.get();
	}

	public void record(List<WorkflowChange> changes) {
		if (changes.isEmpty() || this.listeners.isEmpty()) {
			return;
		}
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			dispatch(changes);
			return;
		}
		@SuppressWarnings("unchecked")
		List<WorkflowChange> buffer = (List<WorkflowChange>) TransactionSynchronizationManager.getResource(this);
		if (buffer == null) {
			List<WorkflowChange> fresh = new ArrayList<>();
			TransactionSynchronizationManager.bindResource(this, fresh);
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					TransactionSynchronizationManager.unbindResourceIfPossible(ChangeRecorder.this);
					if (status == STATUS_COMMITTED) {
						dispatch(fresh);
					}
				}
			});
			buffer = fresh;
		}
		buffer.addAll(changes);
	}

	private void dispatch(List<WorkflowChange> changes) {
		List<WorkflowChange> batch = List.copyOf(changes);
		this.dispatcher.execute(() -> {
			for (ChangeListener listener : this.listeners) {
				try {
					listener.onChanges(batch);
				}
				catch (RuntimeException ex) {
					this.listenerFailures.incrementAndGet();
					logger.warn("A DurableFlow change listener failed; the workflow is not affected", ex);
				}
			}
		});
	}

	@Override
	public void destroy() throws InterruptedException {
		this.dispatcher.shutdown();
		this.dispatcher.awaitTermination(2, TimeUnit.SECONDS);
	}

}
