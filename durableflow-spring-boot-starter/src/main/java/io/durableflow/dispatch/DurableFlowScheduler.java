package io.durableflow.dispatch;

import io.durableflow.notify.WakeChannel;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import io.durableflow.execution.LeaseState;
import io.durableflow.execution.WorkflowExecutor;
import io.durableflow.queue.ClaimedRun;
import io.durableflow.store.commit.FencedWriter;
import io.durableflow.queue.NextClaim;
import io.durableflow.store.PendingWrites;
import io.durableflow.store.RunStore;
import io.durableflow.store.commit.QueueClaims;
import io.durableflow.store.commit.RunWrites;
import io.durableflow.queue.Queues;
import io.durableflow.support.DurableFlowThreads;
import io.durableflow.support.LifecyclePhases;
import io.durableflow.store.RunTransition;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

/**
 * The worker pool. A dispatcher thread claims due runs ({@code FOR UPDATE SKIP LOCKED})
 * up to the free worker slots; workers execute them; a heartbeat extends the leases held.
 * New work is heard at once through the {@link WakeChannel}; otherwise the dispatcher
 * sleeps until the next due run, at most one poll interval. Stopping stops claiming, lets
 * running executions finish within the shutdown timeout, and releases the leases of those
 * that did not.
 */
public class DurableFlowScheduler implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(DurableFlowScheduler.class);

	/** How often a busy scheduler looks into the queues with limits, at most. */
	private static final long LIMITED_CLAIM_SPACING = TimeUnit.MILLISECONDS.toNanos(10);

	private final RunStore store;

	private final RunWrites runs;

	private final QueueClaims queueClaims;

	private final List<String> unlimitedQueues;

	private final FencedWriter writer;

	private final WorkflowExecutor executor;

	private final WakeChannel wake;

	private final Clock clock;

	private final SchedulerSettings settings;

	private final Map<String, InFlight> inFlight = new ConcurrentHashMap<>();

	private final Semaphore slots;

	private final AtomicBoolean wakeRequested = new AtomicBoolean();

	private final Runnable wakeUp = this::wakeUp;

	/**
	 * Set when the queues with limits may have claimable runs that wait for a worker
	 * slot: workers then give their slot back to the dispatcher (which claims in those
	 * queues) rather than take a run of a queue without limits with the commit that ends
	 * their execution.
	 */
	private volatile boolean limitedWaiting;

	private volatile long lastLimitedClaim;

	private int nextLimitedQueue;

	private volatile boolean running;

	private volatile Thread dispatcher;

	private ExecutorService workers;

	private ScheduledExecutorService heartbeat;

	public DurableFlowScheduler(RunStore store, RunWrites runs, QueueClaims queueClaims, Queues queues,
			FencedWriter writer, WorkflowExecutor executor, WakeChannel wake, Clock clock, SchedulerSettings settings) {
		this.store = store;
		this.runs = runs;
		this.queueClaims = queueClaims;
		this.unlimitedQueues = queues.unlimited();
		this.writer = writer;
		this.executor = executor;
		this.wake = wake;
		this.clock = clock;
		this.settings = settings;
		this.slots = new Semaphore(settings.concurrency());
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		this.queueClaims.declare(this.settings.owner());
		this.running = true;
		this.workers = Executors.newFixedThreadPool(this.settings.concurrency(), DurableFlowThreads.daemon("worker"));
		this.heartbeat = Executors.newSingleThreadScheduledExecutor(DurableFlowThreads.daemon("heartbeat"));
		long beat = Math.max(100, this.settings.leaseTtl().toMillis() / 3);
		this.heartbeat.scheduleWithFixedDelay(this::heartbeat, beat, beat, TimeUnit.MILLISECONDS);
		// the one thread that keeps the JVM alive: it lives exactly while the scheduler
		// runs, so a worker-only application (nothing else holds its JVM up once main
		// returns) runs until its context is closed (on SIGTERM by Spring's shutdown
		// hook, whose stop() ends it); the others stay daemons, so a step deaf to the
		// interrupt at shutdown cannot hold the JVM up
		this.dispatcher = DurableFlowThreads.keepingAlive("dispatcher").newThread(this::dispatch);
		this.dispatcher.start();
		this.wake.subscribe(this.wakeUp);
		logger.info("DurableFlow scheduler " + this.settings.owner() + " started with " + this.settings.concurrency()
				+ " workers, lease " + this.settings.leaseTtl() + ", poll " + this.settings.pollInterval());
	}

	@Override
	public synchronized void stop() {
		if (!this.running) {
			return;
		}
		this.running = false;
		this.wake.unsubscribe(this.wakeUp);
		LockSupport.unpark(this.dispatcher);
		joinQuietly(this.dispatcher);
		this.workers.shutdown();
		try {
			if (!this.workers.awaitTermination(this.settings.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
				releaseUnfinished();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			releaseUnfinished();
		}
		this.heartbeat.shutdownNow();
		this.workers.shutdownNow();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Starts after, and stops before, the parts it uses (writer, changes, bus). */
	@Override
	public int getPhase() {
		return LifecyclePhases.SCHEDULER;
	}

	/** How many runs this instance is executing now. */
	public int activeExecutions() {
		return this.inFlight.size();
	}

	public int concurrency() {
		return this.settings.concurrency();
	}

	public String owner() {
		return this.settings.owner();
	}

	private void wakeUp() {
		if (this.queueClaims.any() && System.nanoTime() - this.lastLimitedClaim > LIMITED_CLAIM_SPACING) {
			// the news may be of a run in a queue with limits: the next worker to free
			// its
			// slot gives it to the dispatcher
			this.limitedWaiting = true;
		}
		if (this.slots.availablePermits() == 0) {
			// every worker is busy: the dispatcher could claim nothing now, and the
			// worker that frees a slot wakes it then (a busy engine is spared a
			// dispatcher wake-up per start)
			return;
		}
		// one unpark per wake-up the dispatcher has not seen yet: it checks the flag
		// before it parks
		if (!this.wakeRequested.getAndSet(true)) {
			Thread thread = this.dispatcher;
			if (thread != null) {
				LockSupport.unpark(thread);
			}
		}
	}

	private void dispatch() {
		boolean backlog = false;
		boolean waited = false;
		while (this.running) {
			try {
				this.wakeRequested.set(false);
				int free = this.slots.availablePermits();
				if (free > 0 && backlog && free < batchSize() && !waited) {
					// with a backlog, wait briefly for a few slots to free so one claim
					// serves several runs
					LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
					waited = true;
					continue;
				}
				waited = false;
				if (free > 0) {
					int taken = claimLimited(free);
					List<ClaimedRun> claimed = (taken < free) ? this.runs.claim(this.settings.owner(), free - taken,
							this.clock.instant(), this.settings.leaseTtl()) : List.of();
					claimed.forEach(this::submit);
					backlog = taken + claimed.size() == free;
					if (backlog) {
						continue;
					}
				}
				else if (this.queueClaims.any() && System.nanoTime() - this.lastLimitedClaim > LIMITED_CLAIM_SPACING) {
					this.limitedWaiting = true;
				}
				if (this.wakeRequested.get()) {
					continue;
				}
				park(backlog);
			}
			catch (RuntimeException ex) {
				if (this.running) {
					logger.warn("DurableFlow dispatcher could not claim work: " + ex.getMessage());
					LockSupport.parkNanos(this.settings.pollInterval().toNanos());
				}
			}
		}
	}

	/**
	 * Claims in the queues with limits first (their limits keep them from taking every
	 * slot), each in turn first; returns how many were taken.
	 */
	private int claimLimited(int free) {
		if (!this.queueClaims.any()) {
			return 0;
		}
		this.lastLimitedClaim = System.nanoTime();
		List<ClaimedRun> claimed = this.queueClaims.claim(this.settings.owner(), free, this.clock.instant(),
				this.settings.leaseTtl(), this.nextLimitedQueue++);
		// all slots taken: there may be more, so keep the slots coming back
		this.limitedWaiting = claimed.size() == free;
		claimed.forEach(this::submit);
		return claimed.size();
	}

	private int batchSize() {
		return Math.max(1, this.settings.concurrency() / 4);
	}

	private void park(boolean backlog) {
		Duration poll = this.settings.pollInterval();
		Instant now = this.clock.instant();
		Instant until = now.plus(poll);
		if (!backlog && this.slots.availablePermits() > 0) {
			Optional<Instant> next = this.store.nextDueAfter(now);
			if (next.isPresent() && next.get().isBefore(until)) {
				until = next.get();
			}
		}
		long nanos = Duration.between(now, until).toNanos();
		if (nanos > 0) {
			LockSupport.parkNanos(this, nanos);
		}
	}

	private void submit(ClaimedRun run) {
		this.slots.acquireUninterruptibly();
		this.workers.execute(() -> work(run));
	}

	/**
	 * Executes {@code first}, then the runs the commits that end each execution claim for
	 * this worker (see {@link NextClaim}), holding one slot throughout; the dispatcher
	 * claims only for slots that are free.
	 */
	private void work(ClaimedRun first) {
		ClaimedRun run = first;
		try {
			while (run != null) {
				LeaseState lease = new LeaseState();
				InFlight execution = new InFlight(run, lease);
				this.inFlight.put(run.runId(), execution);
				NextClaim next = this.running ? new NextClaim(this.settings.owner(), this.settings.leaseTtl(),
						() -> this.running && !this.limitedWaiting, this.unlimitedQueues) : null;
				try {
					this.executor.execute(run, lease, next);
				}
				catch (RuntimeException ex) {
					logger.warn("DurableFlow could not record the end of run " + run.runId() + " (" + ex.getMessage()
							+ "); it is taken up again when its lease expires", ex);
				}
				finally {
					// only this execution's entry: another worker may hold the run now
					// (it took over this execution's expired lease) and must keep its
					// heartbeat
					this.inFlight.remove(run.runId(), execution);
				}
				run = (next != null) ? next.claimed() : null;
				if (run != null && !this.running) {
					release(run, new LeaseState());
					run = null;
				}
			}
		}
		finally {
			this.slots.release();
			wakeUp();
		}
	}

	private void heartbeat() {
		try {
			List<InFlight> held = List.copyOf(this.inFlight.values());
			if (held.isEmpty()) {
				return;
			}
			List<String> kept = this.runs.heartbeat(held.stream().map(InFlight::run).toList(), this.clock.instant(),
					this.settings.leaseTtl());
			for (InFlight execution : held) {
				if (!kept.contains(execution.run().runId()) && this.inFlight.containsKey(execution.run().runId())) {
					execution.lease().markLost();
				}
			}
		}
		catch (RuntimeException ex) {
			logger.warn("DurableFlow could not extend its leases: " + ex.getMessage());
		}
	}

	private void releaseUnfinished() {
		for (InFlight execution : this.inFlight.values()) {
			release(execution.run(), execution.lease());
		}
	}

	private void release(ClaimedRun run, LeaseState lease) {
		lease.markLost();
		try {
			this.writer.write(run, new RunTransition.Release(), new PendingWrites(), this.clock.instant());
			logger.info("Released run " + run.runId() + " at shutdown; another instance takes it up");
		}
		catch (RuntimeException ex) {
			logger.warn("Could not release run " + run.runId() + "; it is taken up when its lease expires", ex);
		}
	}

	private static void joinQuietly(Thread thread) {
		try {
			thread.join(10_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private record InFlight(ClaimedRun run, LeaseState lease) {
	}

}
