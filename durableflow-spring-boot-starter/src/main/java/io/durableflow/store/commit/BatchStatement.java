package io.durableflow.store.commit;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.durableflow.queue.ClaimQuery;
import io.durableflow.queue.ClaimedRun;
import io.durableflow.queue.NextClaim;
import io.durableflow.store.NamedSql;
import io.durableflow.store.StepWrite;
import io.durableflow.store.commit.Requests.Fenced;
import io.durableflow.store.commit.Requests.Insert;
import io.durableflow.store.commit.Requests.Request;

/**
 * The one statement a shared commit executes, and what it reports back. In order: insert
 * the new runs; lock the runs still leased with the given tokens (in run-id order,
 * {@link RunRows#LOCK_LEASED}); move those whose execution ends
 * ({@link RunRows#TRANSITION}); upsert the steps of the locked runs only; and claim due
 * runs for the workers whose executions this commit ends, one for each whose write held
 * its lease, with {@link ClaimQuery} (leaving out the runs this statement writes). The
 * finished runs report the "awaited" mark of the row version they locked, so waiters that
 * committed while this statement waited for the lock are not missed (docs/ENGINE.md,
 * invariant 8).
 * <p>
 * Plans stay cheap whatever the statistics say: runs are locked one at a time by run id,
 * and the arrays go through scalar subqueries so that no plan sees their lengths. Every
 * execution is then estimated alike and the server keeps one generic plan (with the
 * lengths visible, a small batch looks cheaper re-planned, and each is, at some 200
 * microseconds of planning).
 */
final class BatchStatement {

	private static final String INSERT = """
			ins AS (
			    INSERT INTO durableflow.workflow_runs (run_id, workflow_name, status, hosting_mode, lifecycle_stage,
			        user_id, tutorial_slug, queue, input, parent_run_id, next_due_at, created_at, updated_at, priority,
			        concurrency_key, definition_revision, name, metadata)
			    SELECT n.run_id, n.workflow_name, 'pending', n.hosting_mode, n.lifecycle_stage, n.user_id,
			        n.tutorial_slug, n.queue, n.input::jsonb, n.parent_run_id, n.due_at::timestamptz, n.at::timestamptz,
			        n.at::timestamptz, n.priority, n.concurrency_key, n.definition_revision, n.name, n.metadata::jsonb
			    FROM unnest((SELECT :newRunIds::text[]), (SELECT :newWorkflows::text[]), (SELECT :newHostingModes::text[]),
			        (SELECT :newStages::text[]), (SELECT :newUsers::text[]), (SELECT :newSlugs::text[]),
			        (SELECT :newQueues::text[]), (SELECT :newInputs::text[]), (SELECT :newParents::text[]),
			        (SELECT :newDueAts::text[]), (SELECT :newAts::text[]), (SELECT :newPriorities::int[]),
			        (SELECT :newConcurrencyKeys::text[]), (SELECT :newDefinitionRevisions::int[]),
			        (SELECT :newNames::text[]), (SELECT :newMetadata::text[]))
			        AS n(run_id, workflow_name, hosting_mode, lifecycle_stage, user_id, tutorial_slug, queue, input,
			        parent_run_id, due_at, at, priority, concurrency_key, definition_revision, name, metadata)
			    ORDER BY n.run_id
			    ON CONFLICT (run_id) DO NOTHING
			    RETURNING run_id)""";

	private static final String LOCK = """
			t AS (
			    SELECT * FROM unnest((SELECT :runIds::text[]), (SELECT :tokens::bigint[]), (SELECT :ops::text[]),
			        (SELECT :parkStatuses::text[]), (SELECT :dueAts::text[]), (SELECT :outputs::text[]),
			        (SELECT :errors::text[]), (SELECT :ats::text[]))
			        AS t(run_id, token, op, park_status, due_at, output, error, at)),
			l AS (
			    SELECT r.id, r.run_id, t.token, t.op, t.park_status, t.due_at::timestamptz AS due_at, t.output, t.error,
			        t.at::timestamptz AS at
			    FROM (SELECT * FROM t ORDER BY run_id) t
			    %s)""".formatted(RunRows.LOCK_LEASED);

	private static final String MOVE = """
			m AS (
			    UPDATE durableflow.workflow_runs r SET %s
			    FROM l WHERE r.id = l.id AND l.op <> 'touch'
			    RETURNING %s, r.awaited, l.op)""".formatted(RunRows.TRANSITION, RunRows.CHANGED);

	private static final String STEPS = "s AS (" + RunRows.upsertSteps("""
			unnest((SELECT :stepRunIds::text[]), (SELECT :stepTokens::bigint[]), (SELECT :stepNames::text[]),
			    (SELECT :stepSeqs::int[]), (SELECT :stepKinds::text[]), (SELECT :stepStatuses::text[]),
			    (SELECT :stepAttempts::int[]), (SELECT :stepResults::text[]), (SELECT :stepErrors::text[]),
			    (SELECT :stepWakeAts::text[]), (SELECT :stepStartedAts::text[]), (SELECT :stepCompletedAts::text[]),
			    (SELECT :stepAts::text[]), (SELECT :stepInputs::text[]))
			    AS st(run_id, token, name, seq, kind, status, attempts, result, error, wake_at, started_at,
			    completed_at, at, input)
			WHERE (st.run_id, st.token) IN (SELECT run_id, token FROM l)""") + ")";

	/**
	 * One claim for each claimant whose write locked its run (its fence is among
	 * {@code l}'s).
	 */
	private static final String CLAIM = ClaimQuery.due("cd",
			"(SELECT count(*) FROM l WHERE l.run_id || '@' || l.token = ANY (CAST((SELECT :claimants::text[]) AS text[])))",
			"r.id NOT IN (SELECT id FROM l)") + ",\nc AS (" + ClaimQuery.take("cd") + ")";

	private static final String REPORT = """
			SELECT (SELECT array_agg(run_id) FROM ins)::text[] AS inserted,
			    (SELECT array_agg(run_id || '@' || token) FROM l)::text[] AS locked,
			    (SELECT json_agg(m) FROM m WHERE m.op <> 'extend')::text AS runs,
			    (SELECT array_agg(run_id) FROM m WHERE awaited AND status IN ('completed', 'failed'))::text[] AS awaited,
			    (SELECT count(*) FROM s)::int AS steps,
			    (SELECT array_agg(run_id ORDER BY run_id) FROM c)::text[] AS claimed_run_ids,
			    (SELECT array_agg(workflow_name ORDER BY run_id) FROM c)::text[] AS claimed_workflows,
			    (SELECT array_agg(input ORDER BY run_id) FROM c)::text[] AS claimed_inputs,
			    (SELECT array_agg(lease_token ORDER BY run_id) FROM c)::bigint[] AS claimed_tokens,
			    (SELECT array_agg(executions ORDER BY run_id) FROM c)::int[] AS claimed_executions,
			    (SELECT array_agg(was ORDER BY run_id) FROM c)::text[] AS claimed_was,
			    (SELECT array_agg((extract(epoch FROM due_at) * 1000000)::bigint ORDER BY run_id) FROM c)::bigint[]
			        AS claimed_due_micros,
			    (SELECT array_agg(definition_revision ORDER BY run_id) FROM c)::int[] AS claimed_revisions,
			    (SELECT array_agg((extract(epoch FROM created_at) * 1000000)::bigint ORDER BY run_id) FROM c)::bigint[]
			        AS claimed_created_micros,
			    (SELECT array_agg(user_id ORDER BY run_id) FROM c)::text[] AS claimed_users""";

	static final NamedSql SQL = NamedSql
		.of("WITH RECURSIVE " + INSERT + ",\n" + LOCK + ",\n" + MOVE + ",\n" + STEPS + ",\n" + CLAIM + "\n" + REPORT);

	private BatchStatement() {
	}

	/** Binds everything a batch writes, and the claim for its claimants. */
	static PreparedStatement bind(Connection connection, PreparedStatement ps, Batch batch) throws SQLException {
		List<Insert> inserts = batch.inserts();
		List<Fenced> fenced = batch.fenced();
		List<StepRow> steps = batch.steps();
		Claim claim = batch.claim();
		return SQL.bind(connection, ps)
			.texts("newRunIds", inserts, (r) -> r.run.runId())
			.texts("newWorkflows", inserts, (r) -> r.run.workflowName())
			.texts("newHostingModes", inserts, (r) -> r.run.hostingMode())
			.texts("newStages", inserts, (r) -> r.run.lifecycleStage())
			.texts("newUsers", inserts, (r) -> r.run.userId())
			.texts("newSlugs", inserts, (r) -> r.run.tutorialSlug())
			.texts("newQueues", inserts, (r) -> r.run.queue())
			.texts("newInputs", inserts, (r) -> r.run.inputJson())
			.texts("newParents", inserts, (r) -> r.run.parentRunId())
			.times("newDueAts", inserts, (r) -> r.run.dueAt())
			.times("newAts", inserts, (r) -> r.now)
			.array("newPriorities", "int4", inserts.stream().map((r) -> r.run.priority()).toArray())
			.texts("newConcurrencyKeys", inserts, (r) -> r.run.concurrencyKey())
			.array("newDefinitionRevisions", "int4", inserts.stream().map((r) -> r.run.definitionRevision()).toArray())
			.texts("newNames", inserts, (r) -> r.run.name())
			.texts("newMetadata", inserts, (r) -> r.run.metadataJson())
			.texts("runIds", fenced, (r) -> r.run.runId())
			.array("tokens", "int8", fenced.stream().map((r) -> r.run.leaseToken()).toArray())
			.texts("ops", fenced, (r) -> r.transition.op().sql())
			.texts("parkStatuses", fenced,
					(r) -> (r.transition.parkStatus() != null) ? r.transition.parkStatus().dbValue() : null)
			.times("dueAts", fenced, (r) -> r.transition.dueAt())
			.texts("outputs", fenced, (r) -> r.transition.outputJson())
			.texts("errors", fenced, (r) -> r.transition.errorJson())
			.times("ats", fenced, (r) -> r.now)
			.texts("stepRunIds", steps, StepRow::runId)
			.array("stepTokens", "int8", steps.stream().map(StepRow::token).toArray())
			.texts("stepNames", steps, (s) -> s.step().name())
			.array("stepSeqs", "int4", steps.stream().map((s) -> s.step().seq()).toArray())
			.texts("stepKinds", steps, (s) -> s.step().kind().dbValue())
			.texts("stepStatuses", steps, (s) -> s.step().status().dbValue())
			.array("stepAttempts", "int4", steps.stream().map((s) -> s.step().attempts()).toArray())
			.texts("stepResults", steps, (s) -> s.step().resultJson())
			.texts("stepErrors", steps, (s) -> s.step().errorJson())
			.times("stepWakeAts", steps, (s) -> s.step().wakeAt())
			.times("stepStartedAts", steps, (s) -> s.step().startedAt())
			.times("stepCompletedAts", steps, (s) -> s.step().completedAt())
			.times("stepAts", steps, StepRow::at)
			.texts("stepInputs", steps, (s) -> s.step().inputJson())
			.array("claimants", "text", claim.fences().toArray())
			.text("owner", claim.owner())
			.time("leaseExpiresAt", claim.leaseExpiresAt())
			.time("claimAt", claim.at())
			.array("queues", "text", claim.queues().toArray())
			.done();
	}

	/** Reads what the statement reports. */
	static Result result(ResultSet rs) throws SQLException {
		rs.next();
		return new Result(ids(rs, "inserted"), ids(rs, "locked"), rs.getString("runs"), ids(rs, "awaited"),
				claimed(rs));
	}

	/** The runs the statement claimed, in the order of their ids. */
	private static List<ClaimedRun> claimed(ResultSet rs) throws SQLException {
		Array ids = rs.getArray("claimed_run_ids");
		if (ids == null) {
			return List.of();
		}
		String[] runIds = (String[]) ids.getArray();
		String[] names = (String[]) rs.getArray("claimed_workflows").getArray();
		String[] inputs = (String[]) rs.getArray("claimed_inputs").getArray();
		Long[] tokens = (Long[]) rs.getArray("claimed_tokens").getArray();
		Integer[] executions = (Integer[]) rs.getArray("claimed_executions").getArray();
		String[] was = (String[]) rs.getArray("claimed_was").getArray();
		Long[] due = (Long[]) rs.getArray("claimed_due_micros").getArray();
		Integer[] revisions = (Integer[]) rs.getArray("claimed_revisions").getArray();
		Long[] created = (Long[]) rs.getArray("claimed_created_micros").getArray();
		String[] users = (String[]) rs.getArray("claimed_users").getArray();
		List<ClaimedRun> claimed = new ArrayList<>(runIds.length);
		for (int i = 0; i < runIds.length; i++) {
			claimed.add(new ClaimedRun(runIds[i], names[i], inputs[i], tokens[i], executions[i],
					"running".equals(was[i]), Instant.EPOCH.plus(due[i], ChronoUnit.MICROS), revisions[i],
					Instant.EPOCH.plus(created[i], ChronoUnit.MICROS), users[i]));
		}
		return claimed;
	}

	private static Set<String> ids(ResultSet rs, String column) throws SQLException {
		Array array = rs.getArray(column);
		return (array != null) ? new HashSet<>(Arrays.asList((String[]) array.getArray())) : new HashSet<>();
	}

	/**
	 * What one batch writes: its new runs, its fenced writes (in run-id order), their
	 * steps, its claim.
	 */
	record Batch(List<Insert> inserts, List<Fenced> fenced, List<StepRow> steps, Claim claim) {

		/** The batch of the requests a writer took, fenced writes in run-id order. */
		static Batch of(List<Request> requests) {
			List<Fenced> fenced = new ArrayList<>();
			List<Insert> inserts = new ArrayList<>();
			for (Request request : requests) {
				if (request instanceof Fenced write) {
					fenced.add(write);
				}
				else {
					inserts.add((Insert) request);
				}
			}
			// locks in run-id order, as heartbeats and cancels take them (invariant 4)
			fenced.sort(Comparator.comparing((Fenced request) -> request.run.runId()));
			List<StepRow> steps = new ArrayList<>();
			List<Fenced> claimants = new ArrayList<>();
			for (Fenced request : fenced) {
				request.writes.steps()
					.forEach((step) -> steps
						.add(new StepRow(request.run.runId(), request.run.leaseToken(), step, request.now)));
				// one owner per statement (an application has one scheduler; others go
				// without)
				if (request.next != null && request.next.wanted()
						&& (claimants.isEmpty() || claimants.get(0).next.owner().equals(request.next.owner()))) {
					claimants.add(request);
				}
			}
			return new Batch(inserts, fenced, steps, Claim.of(claimants));
		}

	}

	/** A step row of a fenced write, with the fence it is written under. */
	record StepRow(String runId, long token, StepWrite step, Instant at) {
	}

	/**
	 * The claim a batch makes for its claimants (the workers whose executions it ends and
	 * who want a next run): their fences ({@code runId@token}), the owner, when the
	 * leases expire, and the claim's time (the latest of the claimants' times: each read
	 * the engine's clock).
	 */
	record Claim(List<String> fences, String owner, Instant leaseExpiresAt, Instant at, List<String> queues) {

		static final Claim NONE = new Claim(List.of(), null, null, Instant.EPOCH, List.of());

		/**
		 * The claim for {@code claimants}, at the latest of their times (each read the
		 * engine's clock).
		 */
		static Claim of(List<Fenced> claimants) {
			if (claimants.isEmpty()) {
				return NONE;
			}
			Instant at = claimants.stream().map((request) -> request.now).max(Comparator.naturalOrder()).orElseThrow();
			NextClaim next = claimants.get(0).next;
			return new Claim(claimants.stream().map(Fenced::fence).toList(), next.owner(), at.plus(next.leaseTtl()), at,
					next.queues());
		}

	}

	/**
	 * What a batch did: the runs it inserted, the writes whose lease held
	 * ({@code runId@token}; only those were written), the run rows it moved (JSON, for
	 * their changes), those of them that finished awaited, and the runs it claimed for
	 * its claimants.
	 */
	record Result(Set<String> inserted, Set<String> locked, String runsJson, Set<String> awaited,
			List<ClaimedRun> claimed) {
	}

}
