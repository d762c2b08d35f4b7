package io.durableflow.queue;

import java.util.List;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * A worker's request to be handed its next run by the commit that ends its current one:
 * the group commit that completes, fails or parks the run also claims one due run for
 * this worker, so a busy worker goes on without a claim statement and commit of its own,
 * and without waiting for the dispatcher. Leaves {@link #claimed()} {@code null} when
 * nothing was due, the write was not part of a shared commit, its lease had been lost, or
 * the worker no longer wanted one.
 */
public final class NextClaim {

	private final String owner;

	private final Duration leaseTtl;

	private final BooleanSupplier wanted;

	private final List<String> queues;

	private volatile ClaimedRun claimed;

	public NextClaim(String owner, Duration leaseTtl) {
		this(owner, leaseTtl, () -> true, List.of(QueueSettings.DEFAULT));
	}

	/**
	 * @param wanted asked when the commit is assembled: {@code false} (the scheduler is
	 * stopping, say) and nothing is claimed
	 */
	public NextClaim(String owner, Duration leaseTtl, BooleanSupplier wanted) {
		this(owner, leaseTtl, wanted, List.of(QueueSettings.DEFAULT));
	}

	/**
	 * @param wanted as above
	 * @param queues the queues to claim in: those without limits (runs of a queue with
	 * limits are claimed by the dispatcher alone, under the queue's lock)
	 */
	public NextClaim(String owner, Duration leaseTtl, BooleanSupplier wanted, List<String> queues) {
		this.owner = owner;
		this.leaseTtl = leaseTtl;
		this.wanted = wanted;
		this.queues = List.copyOf(queues);
	}

	/** The queues to claim in. */
	public List<String> queues() {
		return this.queues;
	}

	/** Whether the worker still wants a next run. */
	public boolean wanted() {
		return this.wanted.getAsBoolean();
	}

	public String owner() {
		return this.owner;
	}

	public Duration leaseTtl() {
		return this.leaseTtl;
	}

	/**
	 * The run claimed for this worker, leased to {@link #owner()}; {@code null} if none.
	 */
	public ClaimedRun claimed() {
		return this.claimed;
	}

	public void hand(ClaimedRun run) {
		this.claimed = run;
	}

}
