package io.durableflow.queue;

/**
 * The claim: which due runs an instance takes next, and what taking one sets on the run
 * row. Every claim the engine makes is built from this one description: the dispatcher's
 * claim for its free worker slots ({@link #CLAIM}), the claim that rides on a shared
 * commit for the workers whose executions that commit ends (see
 * {@code store.commit.BatchStatement}), both over the queues without limits, and the
 * dispatcher's claim in a queue with limits ({@link #limited(QueueSettings)}), made under
 * the lock of the queue's row. Whatever decides which run is next therefore holds on
 * every path (docs/ENGINE.md, invariant 6).
 * <p>
 * Order: within a queue, higher priority first, then longest due. PostgreSQL 17 has no
 * skip scan, so a claim visits the priorities present in a queue one by one (one index
 * probe each, {@code workflow_runs_claim}) and reads each priority's due runs in due
 * order from the same index, so that runs not yet due are never read.
 * <p>
 * The queue is named three times there ({@code =}, {@code >=}, {@code <=}): the range
 * changes no result (the index drops it as redundant with the equality), but its estimate
 * tells the planner that one queue's runs are few. Without it the planner, which sees the
 * queue only at run time, took half of the due runs to be the queue's and read them in
 * due order from {@code workflow_runs_due}, filtering out every older run of the other
 * queues: with a million runs waiting in a queue capped at one, every claim in
 * {@code default} read all of them (300 ms) before it found its first run.
 * <p>
 * Parameters are named ({@code :claimAt}, {@code :owner}, {@code :leaseExpiresAt},
 * {@code :queues}, and {@code :limit} for {@link #CLAIM}); times are the engine clock's,
 * never {@code now()}. Statements built here start with {@code WITH RECURSIVE}.
 */
public final class ClaimQuery {

	/** The statuses an unfinished run has: those in which it can be due. */
	public static final String ACTIVE = "('pending', 'running', 'sleeping', 'waiting')";

	/** The statuses of an unfinished run that holds no slot. */
	static final String PARKED = "('pending', 'sleeping', 'waiting')";

	private static final String RUNS = "durableflow.workflow_runs";

	/**
	 * The dispatcher's claim over the queues without limits ({@code :queues}): up to
	 * {@code :limit} due runs.
	 */
	public static final String CLAIM = "WITH RECURSIVE " + due("due", ":limit", "") + "\n" + take("due");

	private ClaimQuery() {
	}

	/**
	 * The due runs to take in the queues {@code :queues} (a text array), as CTEs of a
	 * {@code WITH RECURSIVE} named {@code name} (and {@code name_levels}): at most
	 * {@code limit} (an SQL expression) runs due at {@code :claimAt}, highest priority
	 * first and then longest due, locked, skipping rows that others hold
	 * ({@code FOR UPDATE SKIP LOCKED}: two claims never wait for each other nor take one
	 * run twice). {@code exclude} is a further condition on the candidate row {@code r},
	 * or empty. Columns: {@code id}, {@code was} (the status it was due in),
	 * {@code due_at}.
	 */
	public static String due(String name, String limit, String exclude) {
		return """
				%1$s_levels(queue, v) AS (
				    SELECT q.name, %2$s
				    FROM unnest(CAST((SELECT :queues::text[]) AS text[])) AS q(name)
				    UNION ALL
				    SELECT l.queue, %3$s FROM %1$s_levels l WHERE l.v IS NOT NULL),
				%1$s AS (
				    SELECT d.id, d.was, d.due_at FROM %1$s_levels l CROSS JOIN LATERAL (
				        SELECT r.id, r.status AS was, r.next_due_at AS due_at, r.priority FROM %4$s r
				        WHERE r.queue = l.queue AND r.queue >= l.queue AND r.queue <= l.queue AND r.priority = l.v
				            AND r.status IN %5$s
				            AND r.next_due_at <= :claimAt::timestamptz %6$s
				        ORDER BY r.next_due_at
				        LIMIT %7$s
				        FOR UPDATE SKIP LOCKED) d
				    WHERE l.v IS NOT NULL
				    ORDER BY d.priority DESC, d.due_at
				    LIMIT %7$s)""".formatted(name, topPriority("q.name", ""), topPriority("l.queue", "l.v"), RUNS,
				ACTIVE, exclude.isEmpty() ? "" : "AND " + exclude, limit);
	}

	/**
	 * The highest priority among the unfinished runs of {@code queue} (an SQL
	 * expression), below {@code below} if given: one index probe. How every statement
	 * that visits a queue's priority levels finds the next one (the claims here, and
	 * {@code store.QueueStats}).
	 */
	public static String topPriority(String queue, String below) {
		return "(SELECT p.priority FROM %s p WHERE p.queue = %s AND p.status IN %s%s ORDER BY p.priority DESC LIMIT 1)"
			.formatted(RUNS, queue, ACTIVE, below.isEmpty() ? "" : " AND p.priority < " + below);
	}

	/**
	 * The claim in one queue with limits, for up to {@code :free} worker slots; to be
	 * executed in the transaction that has locked the queue's {@code workflow_queues} row
	 * (in its own statement, before this one, so that this statement's snapshot sees
	 * every claim committed before the lock was granted). Parameters: {@code :queue},
	 * {@code :free}, {@code :claimAt}, {@code :owner}, {@code :leaseExpiresAt},
	 * {@code :windowStart} (the start of the rate limit's window).
	 * <p>
	 * A slot is a run of the queue in status {@code running}, whether or not its lease is
	 * still alive: a run whose lease expired is taken over into the slot it holds (first,
	 * before new runs), so a crashed instance's slots come back when its leases expire,
	 * and an owner that outlived its lease cannot make the queue exceed its limit. Parked
	 * runs (sleeping, waiting, retrying after a delay) hold no slot. Every claim,
	 * takeovers and resumes included, counts against the rate limit.
	 * <p>
	 * In a queue with {@code concurrency-per-key}, keys take turns: the claim goes
	 * through the keys after the one it last served (kept in the queue's row), at most
	 * {@value #KEYS_PER_CLAIM} keys per claim, giving each key's first due run its turn
	 * before any key's second; runs without a key share one turn.
	 */
	public static String limited(QueueSettings queue) {
		StringBuilder sql = new StringBuilder("WITH RECURSIVE\n");
		sql.append("held AS (SELECT count(*) AS running, count(*) FILTER (WHERE r.lease_owner = :owner) AS mine\n")
			.append("    FROM ")
			.append(RUNS)
			.append(" r WHERE r.queue = :queue AND r.queue <> 'default' AND r.status = 'running'),\n");
		if (queue.rateLimit() != null) {
			sql.append("recent AS (SELECT count(*) AS claims FROM durableflow.workflow_queue_claims w\n")
				.append("    WHERE w.queue = :queue AND w.claimed_at > :windowStart::timestamptz),\n")
				.append("expired AS (DELETE FROM durableflow.workflow_queue_claims w\n")
				.append("    WHERE w.queue = :queue AND w.claimed_at <= :windowStart::timestamptz),\n");
		}
		else {
			sql.append("recent AS (SELECT 0 AS claims),\n");
		}
		// total: the runs this claim may take; fresh: those of them that need a new slot
		sql.append("room AS (SELECT greatest(least(CAST(:free AS int)")
			.append((queue.workerConcurrency() != null) ? ", " + queue.workerConcurrency() + " - held.mine" : "")
			.append((queue.rateLimit() != null) ? ", " + queue.rateLimit() + " - recent.claims" : "")
			.append("), 0) AS total,\n    ")
			.append((queue.concurrency() != null) ? "greatest(" + queue.concurrency() + " - held.running, 0)" : ":free")
			.append(" AS fresh FROM held, recent),\n");
		sql.append("takeover AS (SELECT r.id, r.status AS was, r.next_due_at AS due_at FROM ")
			.append(RUNS)
			.append(" r\n    WHERE r.queue = :queue AND r.queue <> 'default' AND r.status = 'running'")
			.append(" AND r.next_due_at <= :claimAt::timestamptz\n")
			.append("    ORDER BY r.next_due_at LIMIT (SELECT total FROM room) FOR UPDATE SKIP LOCKED),\n");
		sql.append(
				"budget AS (SELECT greatest(least(room.total - (SELECT count(*) FROM takeover), room.fresh), 0) AS n ")
			.append("FROM room),\n");
		if (queue.perKey()) {
			sql.append(perKeyCandidates(queue.concurrencyPerKey()));
		}
		else {
			sql.append("""
					fresh_levels(v) AS (
					    SELECT %1$s
					    UNION ALL
					    SELECT %2$s FROM fresh_levels l WHERE l.v IS NOT NULL),
					fresh AS (
					    SELECT d.id, d.was, d.due_at FROM fresh_levels l CROSS JOIN LATERAL (
					        SELECT r.id, r.status AS was, r.next_due_at AS due_at, r.priority FROM %3$s r
					        WHERE r.queue = :queue AND r.queue >= :queue AND r.queue <= :queue AND r.priority = l.v
					            AND r.status IN %4$s
					            AND r.next_due_at <= :claimAt::timestamptz
					        ORDER BY r.next_due_at
					        LIMIT (SELECT n FROM budget)
					        FOR UPDATE SKIP LOCKED) d
					    WHERE l.v IS NOT NULL
					    ORDER BY d.priority DESC, d.due_at
					    LIMIT (SELECT n FROM budget)),
					""".formatted(topPriority(":queue", ""), topPriority(":queue", "l.v"), RUNS, PARKED));
		}
		sql.append("due AS (SELECT id, was, due_at FROM takeover UNION ALL SELECT id, was, due_at FROM fresh),\n");
		sql.append("c AS (").append(take("due")).append("),\n");
		if (queue.rateLimit() != null) {
			sql.append("counted AS (INSERT INTO durableflow.workflow_queue_claims (queue, claimed_at)\n")
				.append("    SELECT :queue, :claimAt::timestamptz FROM c),\n");
		}
		if (queue.perKey()) {
			// the next claim goes on after the last key this one served, or after the
			// last it looked at when it served none
			sql.append("turn AS (UPDATE durableflow.workflow_queues q SET next_key_after = coalesce(")
				.append("(SELECT f.concurrency_key FROM fresh f WHERE f.concurrency_key IS NOT NULL ")
				.append("ORDER BY f.rank DESC, f.key_order DESC LIMIT 1), ")
				.append("(SELECT k.key FROM keys k ORDER BY k.n DESC LIMIT 1), q.next_key_after) ")
				.append("WHERE q.name = :queue),\n");
		}
		sql.append("done AS (SELECT 1)\n");
		sql.append("SELECT * FROM c");
		return sql.toString();
	}

	/** Most keys one claim in a queue with a per-key limit looks at. */
	public static final int KEYS_PER_CLAIM = 100;

	/**
	 * The new runs a claim in a queue with a per-key limit takes ({@code fresh}): keys in
	 * turn after {@code next_key_after}, wrapping round, each key's due runs up to its
	 * room, ordered by their rank within their key and then the key's turn. The runs
	 * without a key are read in the order of {@code workflow_runs_claim_by_key}
	 * ({@code concurrency_key} first, all null there), so that the index finds them
	 * straight away; ordered by priority alone, the planner took
	 * {@code workflow_runs_claim} and filtered every keyed run of the queue out.
	 */
	private static String perKeyCandidates(int perKey) {
		String keyAfter = "(SELECT k.concurrency_key FROM %s k WHERE k.queue = :queue AND k.queue <> 'default' "
				+ "AND k.status IN %s AND k.concurrency_key > %s ORDER BY k.concurrency_key LIMIT 1)";
		String after = "(SELECT q.next_key_after FROM durableflow.workflow_queues q WHERE q.name = :queue)";
		return """
				after_turn(key, n) AS (
				    SELECT %1$s, 1
				    UNION ALL
				    SELECT %2$s, a.n + 1 FROM after_turn a WHERE a.key IS NOT NULL AND a.n < %5$d),
				wrapped(key, n) AS (
				    SELECT %3$s, %5$d + 1
				    UNION ALL
				    SELECT %4$s, w.n + 1 FROM wrapped w
				    WHERE w.key IS NOT NULL AND w.n < 2 * %5$d AND w.key < coalesce(%6$s, w.key)),
				keys AS (
				    SELECT key, n FROM (
				        SELECT key, n FROM after_turn
				        UNION ALL
				        SELECT key, n FROM wrapped
				        WHERE (SELECT count(*) FROM after_turn WHERE key IS NOT NULL) < %5$d
				            AND key <= coalesce(%6$s, key)
				        UNION ALL
				        SELECT NULL, 0) k
				    WHERE k.key IS NOT NULL OR k.n = 0
				    ORDER BY n LIMIT %5$d + 1),
				key_room AS (
				    SELECT k.key, k.n, %7$d - CASE WHEN k.key IS NULL
				        THEN (SELECT count(*) FROM %8$s h WHERE h.queue = :queue AND h.queue <> 'default'
				            AND h.status = 'running' AND h.concurrency_key IS NULL)
				        ELSE (SELECT count(*) FROM %8$s h WHERE h.queue = :queue AND h.queue <> 'default'
				            AND h.status = 'running' AND h.concurrency_key = k.key) END AS room
				    FROM keys k),
				candidates AS (
				    SELECT d.*, kr.n AS key_order,
				        row_number() OVER (PARTITION BY kr.n ORDER BY d.priority DESC, d.due_at) AS rank
				    FROM key_room kr CROSS JOIN LATERAL (
				        SELECT r.id, r.status AS was, r.next_due_at AS due_at, r.priority, r.concurrency_key FROM %8$s r
				        WHERE r.queue = :queue AND r.queue <> 'default' AND r.concurrency_key = kr.key
				            AND r.status IN %9$s AND r.next_due_at <= :claimAt::timestamptz
				        ORDER BY r.priority DESC, r.next_due_at
				        LIMIT greatest(least(kr.room, (SELECT n FROM budget)), 0)
				        FOR UPDATE SKIP LOCKED) d
				    WHERE kr.key IS NOT NULL
				    UNION ALL
				    SELECT d.*, 0 AS key_order,
				        row_number() OVER (ORDER BY d.priority DESC, d.due_at) AS rank
				    FROM key_room kr CROSS JOIN LATERAL (
				        SELECT r.id, r.status AS was, r.next_due_at AS due_at, r.priority, r.concurrency_key FROM %8$s r
				        WHERE r.queue = :queue AND r.queue <> 'default' AND r.concurrency_key IS NULL
				            AND r.status IN %9$s AND r.next_due_at <= :claimAt::timestamptz
				        ORDER BY r.concurrency_key, r.priority DESC, r.next_due_at
				        LIMIT greatest(least(kr.room, (SELECT n FROM budget)), 0)
				        FOR UPDATE SKIP LOCKED) d
				    WHERE kr.key IS NULL),
				fresh AS (SELECT * FROM candidates ORDER BY rank, key_order LIMIT (SELECT n FROM budget)),
				""".formatted(keyAfter.formatted(RUNS, ACTIVE, "coalesce(" + after + ", '')"),
				keyAfter.formatted(RUNS, ACTIVE, "a.key"), keyAfter.formatted(RUNS, ACTIVE, "''"),
				keyAfter.formatted(RUNS, ACTIVE, "w.key"), KEYS_PER_CLAIM, after, perKey, RUNS, PARKED);
	}

	/**
	 * Takes the runs of the CTE {@code due}: each gets a fresh lease token (every later
	 * write about it is fenced by that token), the owner and the lease expiry, and is due
	 * again when the lease expires, so a crashed owner's runs are taken over. Columns:
	 * {@code run_id}, {@code workflow_name}, {@code input}, {@code lease_token},
	 * {@code executions}, {@code was}, {@code due_at}.
	 * <p>
	 * The rows are found by id through the primary key, whatever the planner expects
	 * {@code due} to hold: its limits are expressions it cannot read (a parameter, a
	 * count), so it guesses a tenth of a large estimate, and on its own the join by id
	 * became a hash join over a scan of the whole table (every claim read every run,
	 * finished ones too: 100 ms at 300,000 runs). The redundant {@code = ANY} of the ids
	 * turns the run side into primary-key lookups.
	 */
	public static String take(String due) {
		return """
				UPDATE durableflow.workflow_runs r
				SET status = 'running', lease_owner = :owner, lease_token = r.lease_token + 1,
				    lease_expires_at = :leaseExpiresAt::timestamptz, next_due_at = :leaseExpiresAt::timestamptz,
				    executions = r.executions + 1, resume_requested = false,
				    started_at = coalesce(r.started_at, :claimAt::timestamptz), updated_at = :claimAt::timestamptz
				FROM %1$s WHERE r.id = %1$s.id AND r.id = ANY (ARRAY(SELECT id FROM %1$s))
				RETURNING r.run_id, r.workflow_name, r.input::text AS input, r.lease_token, r.executions,
				    %1$s.was, %1$s.due_at, r.definition_revision, r.created_at, r.user_id""".formatted(due);
	}

}
