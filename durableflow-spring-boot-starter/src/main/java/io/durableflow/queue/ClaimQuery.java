package io.durableflow.queue;

/**
 * The claim: which due runs an instance takes next, and what taking one sets on the run
 * row. Both claims the engine makes are built from this one description: the dispatcher's
 * claim for its free worker slots ({@link #CLAIM}) and the claim that rides on a shared
 * commit for the workers whose executions that commit ends (see
 * {@code store.commit.BatchStatement}). Whatever decides which run is next therefore
 * holds on both paths (docs/ENGINE.md, invariant 6).
 * <p>
 * Parameters are named ({@code :claimAt}, {@code :owner}, {@code :leaseExpiresAt}, and
 * {@code :limit} for {@link #CLAIM}); times are the engine clock's, never {@code now()}.
 */
public final class ClaimQuery {

	/** The statuses an unfinished run has: those in which it can be due. */
	public static final String ACTIVE = "('pending', 'running', 'sleeping', 'waiting')";

	/**
	 * The dispatcher's claim: up to {@code :limit} due runs. Served by the partial index
	 * on {@code next_due_at} of unfinished runs ({@code workflow_runs_due}), read in due
	 * order.
	 */
	public static final String CLAIM = "WITH due AS (" + due(":limit", "") + ")\n" + take("due");

	private ClaimQuery() {
	}

	/**
	 * The due runs to take, as the body of a CTE: at most {@code limit} (an SQL
	 * expression) runs due at {@code :claimAt}, longest due first, locked, skipping rows
	 * that others hold ({@code FOR UPDATE SKIP LOCKED}: two claims never wait for each
	 * other nor take one run twice). {@code exclude} is a further condition on the
	 * candidate row's {@code id}, or empty. Columns: {@code id}, {@code was} (the status
	 * it was due in), {@code due_at}.
	 */
	public static String due(String limit, String exclude) {
		return """
				SELECT id, status AS was, next_due_at AS due_at FROM durableflow.workflow_runs
				    WHERE status IN %s AND next_due_at <= :claimAt::timestamptz %s
				    ORDER BY next_due_at
				    LIMIT %s
				    FOR UPDATE SKIP LOCKED""".formatted(ACTIVE, exclude.isEmpty() ? "" : "AND " + exclude, limit);
	}

	/**
	 * Takes the runs of the CTE {@code due} (built by {@link #due}): each gets a fresh
	 * lease token (every later write about it is fenced by that token), the owner and the
	 * lease expiry, and is due again when the lease expires, so a crashed owner's runs
	 * are taken over. Columns: {@code run_id}, {@code workflow_name}, {@code input},
	 * {@code lease_token}, {@code executions}, {@code was}, {@code due_at}.
	 */
	public static String take(String due) {
		return """
				UPDATE durableflow.workflow_runs r
				SET status = 'running', lease_owner = :owner, lease_token = r.lease_token + 1,
				    lease_expires_at = :leaseExpiresAt::timestamptz, next_due_at = :leaseExpiresAt::timestamptz,
				    executions = r.executions + 1, resume_requested = false,
				    started_at = coalesce(r.started_at, :claimAt::timestamptz), updated_at = :claimAt::timestamptz
				FROM %1$s WHERE r.id = %1$s.id
				RETURNING r.run_id, r.workflow_name, r.input::text AS input, r.lease_token, r.executions, %1$s.was,
				    %1$s.due_at""".formatted(due);
	}

}
