package io.durableflow.artifact.engine;

import java.time.Duration;
import java.util.List;

import io.durableflow.artifact.ArtifactStore;
import io.durableflow.support.LifecyclePhases;
import io.durableflow.support.PeriodicTask;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes from the {@link ArtifactStore} the bytes of artifacts whose rows are gone: a
 * row deleted with its run queues its location in
 * {@code durableflow.workflow_artifact_removals} (a trigger, migration V15, for rows
 * whose bytes were not in the row itself), and this sweep, on every instance, takes a
 * batch of them ({@code SKIP LOCKED}, so instances share the work), asks the store to
 * delete each and removes the entries it handled. An entry the store fails on stays, and
 * is tried again at the next sweep.
 */
public class ArtifactRemovals implements SmartLifecycle {

	static final int BATCH = 100;

	private static final Log logger = LogFactory.getLog(ArtifactRemovals.class);

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final ArtifactStore store;

	private final PeriodicTask sweeps;

	public ArtifactRemovals(JdbcTemplate jdbc, TransactionTemplate transactions, ArtifactStore store,
			Duration interval) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.store = store;
		this.sweeps = new PeriodicTask("artifact-removals", interval, interval, this::sweepLogged);
	}

	private record Removal(long id, String artifactId, String location) {
	}

	/**
	 * Deletes the bytes of removed artifacts, a batch at a time, until none are left.
	 * @return how many were deleted
	 */
	public int sweep() {
		int deleted = 0;
		long after = 0;
		while (true) {
			long from = after;
			Batch batch = this.transactions.execute((status) -> sweepBatch(from));
			if (batch == null || batch.read() == 0) {
				return deleted;
			}
			deleted += batch.deleted();
			// past the entries that failed too: they are tried again at the next sweep,
			// and never hold up the ones after them
			after = batch.last();
		}
	}

	private Batch sweepBatch(long after) {
		List<Removal> removals = this.jdbc.query(
				"SELECT id, artifact_id, store_location FROM durableflow.workflow_artifact_removals WHERE id > ? "
						+ "ORDER BY id LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED",
				(rs, i) -> new Removal(rs.getLong(1), rs.getString(2), rs.getString(3)), after);
		int deleted = 0;
		long last = after;
		for (Removal removal : removals) {
			last = removal.id();
			try {
				this.store.delete(removal.artifactId(), removal.location());
				this.jdbc.update("DELETE FROM durableflow.workflow_artifact_removals WHERE id = ?", removal.id());
				deleted++;
			}
			catch (Exception ex) {
				logger.warn("DurableFlow could not delete the bytes of removed artifact " + removal.artifactId() + " ("
						+ ex + "); trying again at the next sweep");
			}
		}
		return new Batch(removals.size(), deleted, last);
	}

	/** One batch of the sweep: how many entries it read and deleted, the last id read. */
	private record Batch(int read, int deleted, long last) {
	}

	private void sweepLogged() {
		try {
			int deleted = sweep();
			if (deleted > 0) {
				logger.debug("DurableFlow deleted the bytes of " + deleted + " removed artifact(s)");
			}
		}
		catch (RuntimeException ex) {
			logger.warn("DurableFlow could not sweep removed artifacts: " + ex.getMessage());
		}
	}

	@Override
	public void start() {
		this.sweeps.start();
	}

	@Override
	public void stop() {
		this.sweeps.stop(Duration.ofSeconds(10));
	}

	@Override
	public boolean isRunning() {
		return this.sweeps.isRunning();
	}

	@Override
	public int getPhase() {
		return LifecyclePhases.HOUSEKEEPING;
	}

}
