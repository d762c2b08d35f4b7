package io.durableflow.store.commit;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import io.durableflow.change.ChangeRecorder;
import io.durableflow.queue.ClaimedRun;
import io.durableflow.queue.NextClaim;
import io.durableflow.store.NewRun;
import io.durableflow.store.PendingWrites;
import io.durableflow.store.RunTransition;

/** The writes callers hand to the shared commit, each answered once it is durable. */
final class Requests {

	private Requests() {
	}

	/**
	 * A write waiting for a shared commit. Its result is {@code true}/{@code false}
	 * (written, or left out: the lease was lost, the run existed), or {@code null}: the
	 * shared commit could not take it, and the caller writes it on its own thread.
	 */
	abstract static sealed class Request permits Fenced, Insert {

		final CompletableFuture<Boolean> result = new CompletableFuture<>();

		final Instant now;

		Request(Instant now) {
			this.now = now;
		}

	}

	/** A claimed run's write, fenced by its lease token. */
	static final class Fenced extends Request {

		final ClaimedRun run;

		final RunTransition transition;

		final PendingWrites writes;

		/**
		 * Who wants the next run when this write ends the execution; {@code null} if
		 * nobody.
		 */
		final NextClaim next;

		Fenced(ClaimedRun run, RunTransition transition, PendingWrites writes, Instant now, NextClaim next) {
			super(now);
			this.run = run;
			this.transition = transition;
			this.writes = writes;
			this.next = next;
		}

		/**
		 * The run and the lease token this write is fenced by, as the batch statement
		 * reports them.
		 */
		String fence() {
			return this.run.runId() + "@" + this.run.leaseToken();
		}

	}

	/** A new run, started outside any transaction. */
	static final class Insert extends Request {

		final NewRun run;

		final ChangeRecorder.Announcement announcement;

		Insert(NewRun run, Instant now, ChangeRecorder.Announcement announcement) {
			super(now);
			this.run = run;
			this.announcement = announcement;
		}

	}

}
