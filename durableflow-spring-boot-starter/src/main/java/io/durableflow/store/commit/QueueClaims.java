package io.durableflow.store.commit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.durableflow.change.ChangeRecorder;
import io.durableflow.queue.ClaimQuery;
import io.durableflow.queue.ClaimedRun;
import io.durableflow.queue.QueueSettings;
import io.durableflow.queue.Queues;
import io.durableflow.store.ChangeRows;
import io.durableflow.store.NamedSql;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The claims in the queues with limits (see {@link ClaimQuery#limited(QueueSettings)}):
 * one transaction locks the rows of those queues (always in name order, so two instances
 * never deadlock), then claims in each in turn, each statement with a snapshot taken
 * after the lock was granted, so that it counts every slot taken by claims committed
 * before. Claims in one limited queue are therefore serial across instances; claims in
 * queues without limits never wait for them.
 */
public class QueueClaims {

	private static final String DECLARE = """
			INSERT INTO durableflow.workflow_queues (name, concurrency, worker_concurrency, rate_limit, rate_period_ms,
			    concurrency_per_key, declared_by, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, now())
			ON CONFLICT (name) DO UPDATE SET concurrency = excluded.concurrency,
			    worker_concurrency = excluded.worker_concurrency, rate_limit = excluded.rate_limit,
			    rate_period_ms = excluded.rate_period_ms, concurrency_per_key = excluded.concurrency_per_key,
			    declared_by = excluded.declared_by, updated_at = excluded.updated_at""";

	private static final String LOCK = """
			SELECT name FROM durableflow.workflow_queues WHERE name = ANY (?) ORDER BY name FOR UPDATE""";

	private final JdbcTemplate jdbc;

	private final ChangeRecorder changes;

	private final Map<String, NamedSql> claims = new LinkedHashMap<>();

	private final List<QueueSettings> limited;

	public QueueClaims(JdbcTemplate jdbc, ChangeRecorder changes, Queues queues) {
		this.jdbc = jdbc;
		this.changes = changes;
		this.limited = queues.limited();
		this.limited.forEach((queue) -> this.claims.put(queue.name(), NamedSql.of(ClaimQuery.limited(queue))));
	}

	/** Whether any declared queue has a limit. */
	public boolean any() {
		return !this.limited.isEmpty();
	}

	/**
	 * Records the queues with limits (their rows are what claims lock), with this
	 * instance's settings; instances should declare a queue alike.
	 */
	public void declare(String owner) {
		for (QueueSettings queue : this.limited) {
			this.jdbc.update(DECLARE, queue.name(), queue.concurrency(), queue.workerConcurrency(), queue.rateLimit(),
					(queue.ratePeriod() != null) ? queue.ratePeriod().toMillis() : null, queue.concurrencyPerKey(),
					owner);
		}
	}

	/**
	 * Claims up to {@code free} due runs in the queues with limits, within their limits,
	 * for {@code owner}; the queues are served in turn from {@code firstQueue} (an index,
	 * taken modulo their number), each up to the slots the ones before it left.
	 */
	public List<ClaimedRun> claim(String owner, int free, Instant now, Duration ttl, int firstQueue) {
		if (this.limited.isEmpty() || free <= 0) {
			return List.of();
		}
		List<ClaimedRun> claimed = this.jdbc.execute((Connection connection) -> {
			boolean autoCommit = connection.getAutoCommit();
			connection.setAutoCommit(false);
			try {
				List<ClaimedRun> runs = claimAll(connection, owner, free, now, ttl, firstQueue);
				connection.commit();
				return runs;
			}
			catch (SQLException | RuntimeException ex) {
				connection.rollback();
				throw ex;
			}
			finally {
				connection.setAutoCommit(autoCommit);
			}
		});
		if (!claimed.isEmpty() && this.changes.hasListeners()) {
			this.changes.record(ChangeRows.claimed(claimed, now));
		}
		return claimed;
	}

	private List<ClaimedRun> claimAll(Connection connection, String owner, int free, Instant now, Duration ttl,
			int firstQueue) throws SQLException {
		try (PreparedStatement lock = connection.prepareStatement(LOCK)) {
			lock.setArray(1,
					connection.createArrayOf("text", this.limited.stream().map(QueueSettings::name).toArray()));
			try (ResultSet rs = lock.executeQuery()) {
				int locked = 0;
				while (rs.next()) {
					locked++;
				}
				if (locked != this.limited.size()) {
					throw new IllegalStateException("The rows of the declared queues are missing (" + locked + " of "
							+ this.limited.size() + "): is another version of the schema in use?");
				}
			}
		}
		List<ClaimedRun> runs = new ArrayList<>();
		int n = this.limited.size();
		for (int i = 0; i < n && runs.size() < free; i++) {
			QueueSettings queue = this.limited.get(Math.floorMod(firstQueue + i, n));
			NamedSql sql = this.claims.get(queue.name());
			try (PreparedStatement ps = connection.prepareStatement(sql.sql())) {
				NamedSql.Binding binding = sql.bind(connection, ps)
					.text("queue", queue.name())
					.value("free", free - runs.size())
					.text("owner", owner)
					.time("leaseExpiresAt", now.plus(ttl))
					.time("claimAt", now);
				if (queue.ratePeriod() != null) {
					binding.time("windowStart", now.minus(queue.ratePeriod()));
				}
				binding.done();
				try (ResultSet rs = ps.executeQuery()) {
					while (rs.next()) {
						runs.add(RunWrites.claimed(rs));
					}
				}
			}
		}
		return runs;
	}

}
