package io.durableflow.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.durableflow.store.RunIdOrder;
import io.durableflow.BulkActionResult;
import io.durableflow.BulkActionResult.Skip;
import io.durableflow.InvalidRunStateException;
import io.durableflow.RunNotFoundException;
import io.durableflow.RunStatus;
import io.durableflow.WorkflowError;
import io.durableflow.execution.FinishedEvents;
import io.durableflow.execution.GraphCalls;
import io.durableflow.store.commit.EngineSupport;
import io.durableflow.store.commit.OperatorStore;
import io.durableflow.store.commit.OperatorStore.Cancellation;
import io.durableflow.store.commit.OperatorStore.FailedStep;
import org.jspecify.annotations.Nullable;

/**
 * What an operator does to runs by hand, one run or several: cancel, retry a failed step.
 * Each is recorded on the run ({@code operator_actions}) as who, what, why and when.
 */
final class OperatorActions {

	static final String DEFAULT_ACTOR = "api";

	private final EngineSupport support;

	private final OperatorStore operators;

	OperatorActions(EngineSupport support, OperatorStore operators) {
		this.support = support;
		this.operators = operators;
	}

	void cancel(String runId, @Nullable String reason, @Nullable String actor) {
		String why = reasonOrDefault(reason);
		String by = actorOrDefault(actor);
		this.support.inTransaction(() -> {
			if (!cancelTree(runId, why, by).contains(runId)) {
				throw refusal(runId, "cancelled", "only an unfinished run can be cancelled");
			}
			return null;
		});
		this.support.wakeAfterCommit();
	}

	BulkActionResult cancelAll(Collection<String> runIds, @Nullable String reason, @Nullable String actor) {
		String why = reasonOrDefault(reason);
		String by = actorOrDefault(actor);
		List<String> done = new ArrayList<>();
		Map<String, Skip> skipped = new LinkedHashMap<>();
		Set<String> cancelled = new HashSet<>();
		for (String runId : inRunIdOrder(runIds)) {
			if (cancelled.contains(runId)) {
				// a child of a run cancelled before it in this call
				done.add(runId);
				continue;
			}
			List<String> tree = this.support.inTransaction(() -> cancelTree(runId, why, by));
			if (tree.contains(runId)) {
				done.add(runId);
				cancelled.addAll(tree);
			}
			else {
				// a refused cancel changes nothing (OperatorStore's cancel of the tree)
				skipped.put(runId, this.support.store().statusOf(runId).isPresent() ? Skip.FINISHED : Skip.NOT_FOUND);
			}
		}
		if (!done.isEmpty()) {
			this.support.wakeAfterCommit();
		}
		return new BulkActionResult(done, skipped);
	}

	/**
	 * Cancels the run and its unfinished descendants, and resumes what waits for them.
	 * @return the runs cancelled: none if the run had finished
	 */
	private List<String> cancelTree(String runId, String why, String by) {
		Instant now = this.support.clock().instant();
		Cancellation own = cancellation(why, by, now);
		Cancellation descendants = cancellation("parent run " + runId + " was cancelled: " + why, "parent:" + runId,
				now);
		List<String> cancelled = this.operators.cancelTree(runId, own, descendants, now);
		for (String id : cancelled) {
			FinishedEvents.send(this.support, id, RunStatus.CANCELLED, null,
					id.equals(runId) ? own.errorJson() : descendants.errorJson());
		}
		return cancelled;
	}

	void retryStep(String runId, String stepName, @Nullable String actor) {
		refuseStepGraphAttempt(runId, stepName);
		String by = actorOrDefault(actor);
		this.support.inTransaction(() -> {
			Instant now = this.support.clock().instant();
			if (!this.operators.reopenFailedRun(runId, action("retry_step", by, null, stepName, now), now)) {
				throw refusal(runId, "retried", "only a failed run's failed step can be retried");
			}
			if (!this.operators.resetFailedStep(runId, stepName, now)) {
				String status = this.support.store()
					.step(runId, stepName)
					.map((s) -> s.status().dbValue())
					.orElse("not recorded");
				throw new InvalidRunStateException(runId, RunStatus.FAILED, "Step '" + stepName + "' of run " + runId
						+ " is " + status + "; only the run's failed step can be retried");
			}
			return null;
		});
		this.support.wakeAfterCommit();
	}

	/**
	 * A step graph's step run in place fails twice in the timeline: its attempt
	 * ({@code <id>.run}) and the graph's record of the failure ({@code <id>}, last). Only
	 * the latter resumes the graph; reopening the attempt would replay the run out of
	 * order.
	 */
	private void refuseStepGraphAttempt(String runId, String stepName) {
		if (!stepName.endsWith(GraphCalls.IN_PLACE)) {
			return;
		}
		String id = stepName.substring(0, stepName.length() - GraphCalls.IN_PLACE.length());
		if (this.support.store().step(runId, GraphCalls.BUILD).isPresent()
				&& this.support.store().step(runId, id).isPresent()) {
			throw new InvalidRunStateException(runId, RunStatus.FAILED, "Step '" + stepName + "' of run " + runId
					+ " is an attempt of the step graph's step '" + id + "'; retry '" + id + "' instead");
		}
	}

	BulkActionResult retryAll(Collection<String> runIds, @Nullable String actor) {
		String by = actorOrDefault(actor);
		List<String> done = new ArrayList<>();
		Map<String, Skip> skipped = new LinkedHashMap<>();
		for (String runId : inRunIdOrder(runIds)) {
			Skip skip = this.support.inTransaction(() -> retryFailedStep(runId, by));
			if (skip == null) {
				done.add(runId);
			}
			else {
				skipped.put(runId, skip);
			}
		}
		if (!done.isEmpty()) {
			this.support.wakeAfterCommit();
		}
		return new BulkActionResult(done, skipped);
	}

	/**
	 * Retries the run's failed step, deciding under the run's row lock, so what is read
	 * cannot change before it is written.
	 * @return why the run was left as it was, {@code null} if it was retried
	 */
	private @Nullable Skip retryFailedStep(String runId, String by) {
		FailedStep failed = this.operators.lockFailedStep(runId).orElse(null);
		if (failed == null) {
			return Skip.NOT_FOUND;
		}
		if (!RunStatus.FAILED.dbValue().equals(failed.status())) {
			return Skip.NOT_FAILED;
		}
		if (failed.step() == null) {
			return Skip.NO_FAILED_STEP;
		}
		Instant now = this.support.clock().instant();
		if (!this.operators.reopenFailedRun(runId, action("retry_step", by, null, failed.step(), now), now)
				|| !this.operators.resetFailedStep(runId, failed.step(), now)) {
			throw new IllegalStateException("Run " + runId + " or its step '" + failed.step()
					+ "' changed although its row was locked; nothing was retried");
		}
		return null;
	}

	/**
	 * Each id once, in run-id order (byte by byte, as the database compares them), so
	 * that several runs changed in one caller's transaction are locked in the order every
	 * other statement locks runs in.
	 */
	private static Set<String> inRunIdOrder(Collection<String> runIds) {
		Set<String> ordered = new TreeSet<>(RunIdOrder.BY_CODE_POINTS);
		ordered.addAll(runIds);
		return ordered;
	}

	private Cancellation cancellation(String reason, String actor, Instant now) {
		WorkflowError error = new WorkflowError("cancelled", reason, false, null);
		return new Cancellation(reason, this.support.json().writeError(error, null),
				action("cancel", actor, reason, null, now));
	}

	private InvalidRunStateException refusal(String runId, String verb, String rule) {
		RunStatus status = this.support.store()
			.statusOf(runId)
			.map(RunStatus::fromDb)
			.orElseThrow(() -> new RunNotFoundException(runId));
		return new InvalidRunStateException(runId, status,
				"Run " + runId + " is " + status.dbValue() + " and cannot be " + verb + "; " + rule);
	}

	private String action(String action, String actor, @Nullable String reason, @Nullable String step, Instant now) {
		Map<String, Object> value = new LinkedHashMap<>();
		value.put("action", action);
		value.put("by", actor);
		value.put("at", now.toString());
		if (reason != null) {
			value.put("reason", reason);
		}
		if (step != null) {
			value.put("step", step);
		}
		return this.support.json().write(List.of(value));
	}

	private static String reasonOrDefault(@Nullable String reason) {
		return (reason != null && !reason.isBlank()) ? reason : "cancelled";
	}

	private static String actorOrDefault(@Nullable String actor) {
		return (actor != null && !actor.isBlank()) ? actor : DEFAULT_ACTOR;
	}

}
