package io.durableflow.taskgraph;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Each step's status in a step graph's run, from the steps under the names
 * {@link StepGraphRun} gives them: the latest attempt ({@code <id>} for the first,
 * {@code <id>#<n>} for an operator's retries) run in place ({@code .run}) or as a child
 * run ({@code .start}, then {@code .done} once taken; the child's own status until then);
 * a step that never started is {@code skipped} when something it depends on failed, was
 * skipped or cancelled, else {@code pending}; a step deduplicated against an earlier one
 * of its key has that one's status once it could start. Statuses are those of YAML tasks
 * ({@link TaskStatuses}), so the console draws both alike.
 */
final class StepGraphStatuses {

	/**
	 * A step as recorded.
	 *
	 * @param kind its kind
	 * @param status its status
	 * @param result its result as plain JSON values
	 * @param errorCode its error's code, when it failed
	 */
	record Step(String kind, String status, @Nullable Object result, @Nullable String errorCode) {
	}

	/**
	 * A child run as it stands.
	 *
	 * @param status its status
	 * @param errorCode its error's code
	 */
	record Child(String status, @Nullable String errorCode) {
	}

	private static final Set<String> STOPPING = Set.of(TaskStatuses.FAILED, TaskStatuses.TIMED_OUT,
			TaskStatuses.SKIPPED, TaskStatuses.CANCELLED);

	private StepGraphStatuses() {
	}

	/**
	 * Every node's status, in the given order (a node's dependencies and dedup holder
	 * come before it).
	 */
	static Map<String, String> of(List<GraphNode> nodes, Map<String, Step> steps, Map<String, Child> children,
			boolean runFinished) {
		Map<String, String> statuses = new LinkedHashMap<>();
		Map<String, String> holders = new HashMap<>();
		for (GraphNode node : nodes) {
			String status = own(node.id(), steps, children, runFinished);
			if (status == null) {
				boolean stopped = node.dependsOn().stream().anyMatch((id) -> STOPPING.contains(statuses.get(id)));
				boolean reachable = node.dependsOn()
					.stream()
					.allMatch((id) -> TaskStatuses.SUCCEEDED.equals(statuses.get(id)));
				String holder = (node.dedupKey() != null) ? holders.get(node.dedupKey()) : null;
				if (stopped) {
					status = TaskStatuses.SKIPPED;
				}
				else if (holder != null && reachable) {
					status = statuses.get(holder);
				}
				else {
					status = TaskStatuses.PENDING;
				}
			}
			if (node.dedupKey() != null) {
				holders.putIfAbsent(node.dedupKey(), node.id());
			}
			statuses.put(node.id(), status);
		}
		return statuses;
	}

	/** The node's status from its own steps; {@code null} when it never started. */
	private static @Nullable String own(String id, Map<String, Step> steps, Map<String, Child> children,
			boolean runFinished) {
		int attempt = latestAttempt(id, steps);
		String base = (attempt == 1) ? id : id + "#" + attempt;
		Step mark = steps.get(id);
		if (mark != null) {
			// the step failed once: its mark tells how it stands (an operator's retry
			// makes it pending, the retry's end completed or failed)
			return switch (mark.status()) {
				case "completed" -> TaskStatuses.SUCCEEDED;
				case "failed" -> failure(mark.errorCode());
				default -> runFinished ? TaskStatuses.FAILED : TaskStatuses.RUNNING;
			};
		}
		Step run = steps.get(base + ".run");
		if (run != null) {
			return switch (run.status()) {
				case "completed" -> TaskStatuses.SUCCEEDED;
				case "failed" -> failure(run.errorCode());
				case "waiting" -> runFinished ? TaskStatuses.CANCELLED : TaskStatuses.WAITING;
				default -> runFinished ? TaskStatuses.CANCELLED : TaskStatuses.RUNNING;
			};
		}
		Step done = steps.get(base + ".done");
		if (done != null && "completed".equals(done.status()) && done.result() instanceof Map<?, ?> result
				&& result.get("payload") instanceof Map<?, ?> payload) {
			Object error = payload.get("error");
			return outcome(String.valueOf(payload.get("status")),
					(error instanceof Map<?, ?> map && map.get("code") != null) ? String.valueOf(map.get("code"))
							: null);
		}
		Step start = steps.get(base + ".start");
		if (start == null) {
			return null;
		}
		Child child = (start.result() instanceof String childId) ? children.get(childId) : null;
		if (child != null && List.of("completed", "failed", "cancelled").contains(child.status())) {
			return outcome(child.status(), child.errorCode());
		}
		return runFinished ? TaskStatuses.CANCELLED : TaskStatuses.RUNNING;
	}

	/**
	 * The step's latest attempt: 1, or {@code n} of the last operator's retry that
	 * started ({@code <id>#<n>.start}).
	 */
	static int latestAttempt(String id, Map<String, Step> steps) {
		int attempt = 1;
		while (steps.containsKey(id + "#" + (attempt + 1) + ".start")) {
			attempt++;
		}
		return attempt;
	}

	private static String outcome(String runStatus, @Nullable String errorCode) {
		return switch (runStatus) {
			case "completed" -> TaskStatuses.SUCCEEDED;
			case "cancelled" -> TaskStatuses.CANCELLED;
			default -> failure(errorCode);
		};
	}

	private static String failure(@Nullable String errorCode) {
		return TaskOutcome.isTimeout(errorCode) ? TaskStatuses.TIMED_OUT : TaskStatuses.FAILED;
	}

}
