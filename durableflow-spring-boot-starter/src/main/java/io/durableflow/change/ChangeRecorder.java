package io.durableflow.change;

import io.durableflow.ChangeListener;

import java.util.ArrayList;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.durableflow.WorkflowChange;
import io.durableflow.support.DurableFlowThreads;
import io.durableflow.support.LifecyclePhases;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Collects the changes the engine's statements report and hands them to the listeners
 * only once they are committed: at once for a statement that committed by itself, after
 * commit for one inside a transaction (nothing for a rollback). Listeners run on one
 * thread of their own, in commit order; a slow or failing listener never slows or fails a
 * workflow (past a bounded backlog, changes are dropped and counted).
 * <p>
 * A new run's "created" change comes before anything else said of the run, even when
 * another thread records the next change: a run is {@linkplain #announcing announced}
 * before it is inserted, and a change of that run recorded meanwhile (its claim,
 * committed by another writer right after the insert) is held back until the "created"
 * change has been handed on, or the insert turned out not to create the run. Other
 * changes of one run recorded by two threads a moment apart keep the order in which they
 * were recorded.
 * <p>
 * The listeners are the {@link ChangeListener} beans, in their
 * {@link org.springframework.core.annotation.Order order}, looked up once every singleton
 * exists (or on the first change, if that comes earlier), then any
 * {@linkplain #addListener added} by hand.
 */
public class ChangeRecorder implements SmartInitializingSingleton, SmartLifecycle {

	private static final Log logger = LogFactory.getLog(ChangeRecorder.class);

	private static final int BACKLOG = 10_000;

	private final ChangeListeners listeners;

	private volatile ThreadPoolExecutor dispatcher;

	private volatile boolean running;

	private final AtomicLong dropped = new AtomicLong();

	private final AtomicLong listenerFailures = new AtomicLong();

	/**
	 * Orders hand-overs to the listeners' thread while some run is announced, and guards
	 * what is held.
	 */
	private final Object order = new Object();

	/** Runs being inserted whose "created" change has not been handed on yet. */
	private final Map<String, Announced> unannounced = new ConcurrentHashMap<>();

	private final long holdLimitNanos;

	/**
	 * A recorder whose listeners are only those {@linkplain #addListener added} to it.
	 */
	public ChangeRecorder() {
		this(Duration.ofSeconds(10));
	}

	/**
	 * A recorder whose listeners are the given beans, in their order, then those added to
	 * it.
	 */
	public ChangeRecorder(ObjectProvider<ChangeListener> listeners) {
		this(Duration.ofSeconds(10), listeners::orderedStream);
	}

	/**
	 * @param holdLimit how long changes of an announced run are held back at most (a
	 * safety net: the "created" change is handed on right after its commit, and the
	 * announcement is closed when the start returns or its transaction ends)
	 */
	public ChangeRecorder(Duration holdLimit) {
		this(holdLimit, Stream::empty);
	}

	ChangeRecorder(Duration holdLimit, Supplier<Stream<ChangeListener>> listenerBeans) {
		this.listeners = new ChangeListeners(listenerBeans);
		this.holdLimitNanos = holdLimit.toNanos();
		this.dispatcher = dispatcher();
	}

	/**
	 * The listeners' one thread, made when the first change is handed on; past a bounded
	 * backlog, changes are dropped and counted.
	 */
	private ThreadPoolExecutor dispatcher() {
		return new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(BACKLOG),
				DurableFlowThreads.daemon("changes"), (task, executor) -> {
					if (executor.isShutdown()) {
						// counted with the others (the metric), but no warning: the
						// application is stopping
						this.dropped.incrementAndGet();
						logger.debug("DurableFlow has stopped; a change made afterwards is not handed on");
						return;
					}
					if (this.dropped.incrementAndGet() % 1000 == 1) {
						logger.warn("DurableFlow change listeners are " + BACKLOG
								+ " batches behind; dropping changes (" + this.dropped.get() + " so far)");
					}
				});
	}

	/**
	 * Looks the listener beans up now, so that one that cannot be created fails start-up.
	 */
	@Override
	public void afterSingletonsInstantiated() {
		this.listeners.get();
	}

	/**
	 * Adds a listener after the listener beans (for listeners that are not beans, such as
	 * a test's).
	 */
	public void addListener(ChangeListener listener) {
		this.listeners.add(listener);
	}

	public void removeListener(ChangeListener listener) {
		this.listeners.remove(listener);
	}

	/** Whether anyone listens; callers may skip building changes when not. */
	public boolean hasListeners() {
		return !this.listeners.get().isEmpty();
	}

	public long droppedBatches() {
		return this.dropped.get();
	}

	public long listenerFailures() {
		return this.listenerFailures.get();
	}

	/**
	 * Announces that {@code runId} is about to be inserted, before the statement that
	 * inserts it runs. Until the run's "created" change is handed on, other changes of
	 * the run recorded meanwhile (by other threads: its claim, committed right after the
	 * insert) are held back, then handed on right after it. Closing the returned handle
	 * (the insert created nothing, rolled back, or is over) hands on what was held in any
	 * case; nobody waits. Nothing is held when nobody listens.
	 */
	public Announcement announcing(String runId) {
		if (!hasListeners()) {
			return Announcement.NONE;
		}
		// no global lock here: every start passes by, while hand-overs (writers,
		// dispatcher) take it
		Announced announced = this.unannounced.compute(runId, (id, current) -> {
			Announced entry = (current != null) ? current : new Announced();
			entry.announcers.incrementAndGet();
			return entry;
		});
		AtomicBoolean closed = new AtomicBoolean();
		return () -> {
			if (!closed.compareAndSet(false, true) || announced.announcers.decrementAndGet() > 0
					|| this.unannounced.get(runId) != announced) {
				// still announced by another start, or its "created" change went out
				// already (the usual case)
				return;
			}
			synchronized (this.order) {
				if (this.unannounced.get(runId) == announced) {
					// handed on before the entry goes, so no later change of the run can
					// overtake them
					enqueue(announced.held);
					this.unannounced.remove(runId, announced);
				}
			}
		};
	}

	/**
	 * Whether the caller is inside a transaction that commits later and tells its
	 * synchronizations when it ends: what is recorded now is handed on then. Not so in a
	 * scope without a transaction (e.g. {@code PROPAGATION_SUPPORTS}): its statements
	 * committed by themselves, and its end, even "rolled back", undoes nothing.
	 */
	public static boolean commitsLater() {
		return TransactionSynchronizationManager.isActualTransactionActive()
				&& TransactionSynchronizationManager.isSynchronizationActive();
	}

	public void record(List<WorkflowChange> changes) {
		if (changes.isEmpty() || !hasListeners()) {
			return;
		}
		if (!commitsLater()) {
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
		if (this.unannounced.isEmpty()) {
			// nothing held anywhere: entries are removed only after what they held was
			// handed on
			enqueue(changes);
			return;
		}
		synchronized (this.order) {
			List<WorkflowChange> now = new ArrayList<>(changes.size());
			Map<String, Announced> ended = new HashMap<>();
			for (WorkflowChange change : changes) {
				Announced announced = (change.runId() != null) ? this.unannounced.get(change.runId()) : null;
				if (announced == null || ended.containsKey(change.runId())) {
					now.add(change);
				}
				else if (isRunCreated(change)) {
					// what other threads said of the run meanwhile goes right after this
					// list
					now.add(change);
					ended.put(change.runId(), announced);
				}
				else if (!announced.held.isEmpty() && System.nanoTime() - announced.heldSince > this.holdLimitNanos) {
					// never held for ever (an announcement nobody closed): from now on in
					// recording order
					now.addAll(announced.held);
					announced.held.clear();
					now.add(change);
					ended.put(change.runId(), announced);
				}
				else {
					if (announced.held.isEmpty()) {
						announced.heldSince = System.nanoTime();
					}
					announced.held.add(change);
				}
			}
			ended.values().forEach((announced) -> now.addAll(announced.held));
			enqueue(now);
			ended.forEach(this.unannounced::remove);
		}
	}

	/** Hands changes to the listeners' thread (in the order of these calls). */
	private void enqueue(List<WorkflowChange> changes) {
		if (changes.isEmpty()) {
			return;
		}
		List<WorkflowChange> batch = List.copyOf(changes);
		this.dispatcher.execute(() -> {
			for (ChangeListener listener : this.listeners.get()) {
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

	private static boolean isRunCreated(WorkflowChange change) {
		return change.isRunLevel() && change.type().endsWith(".created");
	}

	/**
	 * A run being inserted: how many starts announced it, and what was held back
	 * meanwhile (under {@link #order}).
	 */
	private static final class Announced {

		final AtomicInteger announcers = new AtomicInteger();

		final List<WorkflowChange> held = new ArrayList<>();

		long heldSince;

	}

	/**
	 * A run announced as being inserted; {@link #close()} ends the announcement
	 * (idempotent).
	 */
	@FunctionalInterface
	public interface Announcement extends AutoCloseable {

		/** Nothing announced. */
		Announcement NONE = () -> {
		};

		@Override
		void close();

	}

	/**
	 * Waits until every change handed on before this call has reached the listeners (for
	 * tests: what a test did is then visible to its listeners).
	 * @return {@code false} if that did not happen within {@code timeout}
	 */
	public boolean awaitDelivered(Duration timeout) throws InterruptedException {
		java.util.concurrent.CountDownLatch delivered = new java.util.concurrent.CountDownLatch(1);
		try {
			this.dispatcher.execute(delivered::countDown);
		}
		catch (java.util.concurrent.RejectedExecutionException ex) {
			return false;
		}
		return delivered.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public synchronized void start() {
		if (this.dispatcher.isShutdown()) {
			this.dispatcher = dispatcher();
		}
		this.running = true;
	}

	/**
	 * Hands on what is queued (for at most two seconds), then ends the listeners' thread;
	 * stops after the scheduler and the writer, so the changes of their last writes are
	 * handed on.
	 */
	@Override
	public synchronized void stop() {
		this.running = false;
		this.dispatcher.shutdown();
		try {
			this.dispatcher.awaitTermination(2, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return LifecyclePhases.CHANGES;
	}

}
