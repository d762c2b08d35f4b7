package io.durableflow.store.commit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.durableflow.store.commit.Requests.Request;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The queue of writes waiting for a shared commit, and the writer threads that take them:
 * each writer takes what has queued up (at most the batch size) and hands it to the batch
 * executor as one batch. Callers wait for their own answer. While the queue is not
 * running (before start, after stop), nothing is taken: each caller writes its own on its
 * own thread.
 */
final class WriteQueue {

	private static final Log logger = LogFactory.getLog(WriteQueue.class);

	private final LinkedBlockingQueue<Request> queue = new LinkedBlockingQueue<>();

	private final int maxBatch;

	private final int writers;

	private final ThreadFactory threads;

	private final Consumer<List<Request>> executor;

	private final List<Thread> running = new ArrayList<>();

	private volatile boolean accepting;

	WriteQueue(int maxBatch, int writers, ThreadFactory threads, Consumer<List<Request>> executor) {
		this.maxBatch = maxBatch;
		this.writers = writers;
		this.threads = threads;
		this.executor = executor;
	}

	/** Whether writes are taken now. */
	boolean accepting() {
		return this.accepting;
	}

	/**
	 * Queues the request and waits for its answer.
	 * @return the answer, or {@code null} when the caller is to write on its own thread
	 * (not taken, or the shared commit failed)
	 */
	Boolean submit(Request request) {
		this.queue.add(request);
		if (!this.accepting && this.queue.remove(request)) {
			// stopped meanwhile: nobody would take it
			return null;
		}
		try {
			return request.result.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (ex.getCause() instanceof Error error) {
				throw error;
			}
			throw ex;
		}
	}

	synchronized void start() {
		if (this.accepting) {
			return;
		}
		this.accepting = true;
		for (int i = 0; i < this.writers; i++) {
			Thread thread = this.threads.newThread(this::take);
			thread.start();
			this.running.add(thread);
		}
	}

	/**
	 * Stops taking writes: what is queued is written; later callers write on their own
	 * threads.
	 */
	synchronized void stop() {
		this.accepting = false;
		for (Thread thread : this.running) {
			try {
				thread.join(10_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		this.running.clear();
		for (Request left; (left = this.queue.poll()) != null;) {
			left.result.complete(null);
		}
	}

	boolean isRunning() {
		return this.accepting;
	}

	private void take() {
		List<Request> batch = new ArrayList<>();
		while (this.accepting || !this.queue.isEmpty()) {
			try {
				Request first = this.queue.poll(100, TimeUnit.MILLISECONDS);
				if (first == null) {
					continue;
				}
				batch.add(first);
				this.queue.drainTo(batch, this.maxBatch - 1);
				this.executor.accept(batch);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			catch (Throwable ex) {
				// never leave a caller hanging: those not answered yet write their own on
				// their threads
				logger.warn("DurableFlow group commit failed unexpectedly: " + ex.getMessage(), ex);
				batch.forEach((request) -> request.result.complete(null));
			}
			finally {
				batch.clear();
			}
		}
	}

}
