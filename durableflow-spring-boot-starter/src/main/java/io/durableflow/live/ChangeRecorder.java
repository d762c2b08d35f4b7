package io.durableflow.live;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
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
 * <p>
 * A run's own changes come in the order they were committed even when different threads record
 * them: a run is {@linkplain #announcing announced} before it is inserted, and a change of that run
 * recorded by another thread (its claim, committed by another writer right after the insert) waits
 * until the run's "created" change has been handed on, or the insert turned out not to create it.
 */
public class ChangeRecorder implements DisposableBean {

	private static final Log logger = LogFactory.getLog(ChangeRecorder.class);

	private static final int BACKLOG = 10_000;

	private final List<ChangeListener> listeners = new CopyOnWriteArrayList<>();

	private final ThreadPoolExecutor dispatcher;

	private final AtomicLong dropped = new AtomicLong();

	private final AtomicLong listenerFailures = new AtomicLong();

	/** Runs being inserted whose "created" change has not been handed on yet, with what their other changes wait on. */
	private final ConcurrentHashMap<String, CountDownLatch> unannounced = new ConcurrentHashMap<>();

	private final long announcementWaitMillis;

	public ChangeRecorder() {
		this(1000);
	}

	/**
	 * @param announcementWaitMillis how long a change of a run being created waits for the run's
	 * "created" change at most (a safety net: that change is handed on right after its commit)
	 */
	public ChangeRecorder(long announcementWaitMillis) {
		this.announcementWaitMillis = announcementWaitMillis;
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

	/**
	 * Announces that {@code runId} is about to be inserted, before the statement that inserts it runs.
	 * Other changes of the run that are recorded before its "created" change wait for it; closing the
	 * returned handle (once the insert has committed and its change was recorded, or it created nothing
	 * or rolled back) lets them go in any case. Nothing is held when nobody listens.
	 */
	public Announcement announcing(String runId) {
		if (this.listeners.isEmpty()) {
			return Announcement.NONE;
		}
		CountDownLatch mine = new CountDownLatch(1);
		// a second start with the same id (idempotent starts) leaves the first announcer in charge
		return (this.unannounced.putIfAbsent(runId, mine) == null) ? () -> release(runId, mine) : Announcement.NONE;
	}

	private void release(String runId, CountDownLatch latch) {
		if (this.unannounced.remove(runId, latch)) {
			latch.countDown();
		}
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
		Set<String> created = new HashSet<>();
		if (!this.unannounced.isEmpty()) {
			for (WorkflowChange change : batch) {
				if (isRunCreated(change)) {
					created.add(change.runId());
				}
				else if (change.runId() != null && !created.contains(change.runId())) {
					awaitAnnounced(change.runId());
				}
			}
		}
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
		for (String runId : created) {
			CountDownLatch latch = this.unannounced.get(runId);
			if (latch != null) {
				release(runId, latch);
			}
		}
	}

	private static boolean isRunCreated(WorkflowChange change) {
		return change.isRunLevel() && change.type().endsWith(".created");
	}

	private void awaitAnnounced(String runId) {
		CountDownLatch latch = this.unannounced.get(runId);
		if (latch == null) {
			return;
		}
		try {
			if (!latch.await(this.announcementWaitMillis, TimeUnit.MILLISECONDS)) {
				logger.debug("Run " + runId + " was not announced within " + this.announcementWaitMillis
						+ " ms; its change is handed on anyway");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** A run announced as being inserted; {@link #close()} ends the announcement (idempotent). */
	@FunctionalInterface
	public interface Announcement extends AutoCloseable {

		/** Nothing announced. */
		Announcement NONE = () -> {
		};

		@Override
		void close();

	}

	@Override
	public void destroy() throws InterruptedException {
		this.dispatcher.shutdown();
		this.dispatcher.awaitTermination(2, TimeUnit.SECONDS);
	}

}
