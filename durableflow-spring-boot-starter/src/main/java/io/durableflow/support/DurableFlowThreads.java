package io.durableflow.support;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The one way DurableFlow makes threads: named {@code durableflow-<role>-<n>}, so a
 * thread dump shows what each is for, and an exception that escapes a task is logged,
 * never lost. Each thread is made and ended by the lifecycle bean that owns it
 * (docs/ENGINE.md, "Threads").
 */
public final class DurableFlowThreads implements ThreadFactory {

	private static final Log logger = LogFactory.getLog(DurableFlowThreads.class);

	private final String prefix;

	private final boolean daemon;

	private final AtomicInteger count = new AtomicInteger();

	private DurableFlowThreads(String role, boolean daemon) {
		this.prefix = "durableflow-" + role + "-";
		this.daemon = daemon;
	}

	/** Daemon threads: they never keep the JVM alive by themselves. */
	public static DurableFlowThreads daemon(String role) {
		return new DurableFlowThreads(role, true);
	}

	/**
	 * Threads that keep the JVM alive while they run: only for the scheduler's
	 * dispatcher, so that an application whose only work is executing runs (a worker
	 * without a web server) keeps running until it is told to stop.
	 */
	public static DurableFlowThreads keepingAlive(String role) {
		return new DurableFlowThreads(role, false);
	}

	@Override
	public Thread newThread(Runnable task) {
		Thread thread = new Thread(task, this.prefix + this.count.incrementAndGet());
		thread.setDaemon(this.daemon);
		thread.setUncaughtExceptionHandler((failed, ex) -> logger
			.error("DurableFlow thread " + failed.getName() + " ended by an unexpected exception", ex));
		return thread;
	}

}
