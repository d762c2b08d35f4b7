package io.durableflow.taskgraph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.durableflow.definition.yaml.TaskModel;
import io.durableflow.definition.yaml.TaskType;
import io.durableflow.definition.yaml.TransitionModel;
import io.durableflow.definition.yaml.WorkflowDefinitionModel;
import org.jspecify.annotations.Nullable;

/**
 * Each task's status in a run, told from the steps the run recorded, under the names
 * {@link TaskGraphRun} and {@link TaskItems} give them: a task run in place is the step
 * {@code <task>}; a task run as a child run is the step {@code <task>} (its start, kind
 * {@code child}) and {@code <task>.done} (the wait for it, its result the child's
 * outcome); a with_items item is {@code <task>[i]} (and {@code <task>[i].done} when items
 * are child runs); a task skipped by its {@code when} is a completed step whose result is
 * {@code {"skipped": true, ...}}; an inquiry is a wait named by the task; a parallel
 * group has no step of its own. A child run whose end the run has not taken yet is told
 * by the child's own status.
 * <p>
 * A task's first attempt in place is recorded when it ends, so until then the task is
 * {@value #PENDING}; a with_items task or a parallel group whose recorded parts all ended
 * stays {@value #RUNNING} until the run records a step of another task or finishes, since
 * more items or sub-tasks may follow. A task still running or waiting when its run
 * finished (a cancel) is {@value #CANCELLED}.
 */
final class TaskStatuses {

	/** Not reached (yet). */
	static final String PENDING = "pending";

	static final String RUNNING = "running";

	/** An inquiry waiting for its answer. */
	static final String WAITING = "waiting";

	static final String SUCCEEDED = "succeeded";

	static final String FAILED = "failed";

	static final String TIMED_OUT = "timed_out";

	/** Its {@code when} was false. */
	static final String SKIPPED = "skipped";

	/** It was running or waiting when its run ended. */
	static final String CANCELLED = "cancelled";

	/**
	 * A step as recorded.
	 *
	 * @param name its name
	 * @param seq its position in the run
	 * @param kind {@code step}, {@code wait}, {@code child}, ...
	 * @param status its status ({@code completed}, {@code failed}, {@code running},
	 * {@code retrying}, {@code waiting}, ...)
	 * @param result its result as plain JSON values: a child run's id for a child, a
	 * wait's {@code {"matched": ..., "payload": ...}}; {@code null} when it has none or
	 * it is not needed here
	 * @param errorCode the code of its error, when it failed
	 */
	record Step(String name, int seq, String kind, String status, @Nullable Object result, @Nullable String errorCode) {
	}

	/**
	 * A child run as it stands.
	 *
	 * @param status its run status ({@code completed}, {@code failed}, {@code running},
	 * ...)
	 * @param errorCode the code of its error, when it failed
	 */
	record Child(String status, @Nullable String errorCode) {
	}

	private final Map<String, Step> steps = new HashMap<>();

	private final List<Step> inOrder;

	private final Map<String, Child> children;

	private final boolean runFinished;

	private final Map<String, String> statuses = new LinkedHashMap<>();

	private TaskStatuses(List<Step> steps, Map<String, Child> children, boolean runFinished) {
		steps.forEach((step) -> this.steps.put(step.name(), step));
		this.inOrder = steps;
		this.children = children;
		this.runFinished = runFinished;
	}

	/**
	 * Every task of {@code model} (sub-tasks included, in source order) with its status.
	 * @param steps the run's steps
	 * @param children the run's child runs by run id
	 * @param runFinished whether the run has finished
	 */
	static Map<String, String> of(WorkflowDefinitionModel model, List<Step> steps, Map<String, Child> children,
			boolean runFinished) {
		TaskStatuses statuses = new TaskStatuses(steps, children, runFinished);
		model.allTasks().forEach((task) -> statuses.statuses.put(task.name(), null));
		model.tasks().forEach(statuses::task);
		return statuses.statuses;
	}

	private String task(TaskModel task) {
		Step own = this.steps.get(task.name());
		String status;
		if (task.type() == TaskType.PARALLEL) {
			// its sub-tasks first, whatever the group's own step says
			String group = group(task);
			status = (own != null) ? unit(task.name(), false) : group;
		}
		else if (task.withItems() != null) {
			// a step named by the task itself is a skip or a template that failed
			status = (own != null) ? unit(task.name(), false) : items(task);
		}
		else {
			status = unit(task.name(), task.type() == TaskType.WORKFLOW);
		}
		this.statuses.put(task.name(), status);
		return status;
	}

	/**
	 * One execution: the task's, or an item's.
	 * @param workflowTask whether it is a {@code workflow} task, whose child's failure is
	 * the task's failure whatever its code
	 */
	private String unit(String name, boolean workflowTask) {
		Step step = this.steps.get(name);
		if (step == null) {
			return PENDING;
		}
		return switch (step.kind()) {
			case "child" -> child(step, workflowTask);
			case "wait" -> switch (step.status()) {
				case "completed" -> matched(step.result()) ? SUCCEEDED : TIMED_OUT;
				case "failed" -> failure(step.errorCode());
				case "cancelled" -> CANCELLED;
				default -> live(WAITING);
			};
			default -> switch (step.status()) {
				case "completed" -> skipped(step.result()) ? SKIPPED : SUCCEEDED;
				case "failed" -> failure(step.errorCode());
				case "cancelled" -> CANCELLED;
				default -> live(RUNNING);
			};
		};
	}

	/** A task or item run as a child run: its wait's result, else the child itself. */
	private String child(Step start, boolean workflowTask) {
		Step done = this.steps.get(start.name() + ".done");
		if (done != null && "completed".equals(done.status())) {
			if (!(done.result() instanceof Map<?, ?> result) || !Boolean.TRUE.equals(result.get("matched"))) {
				// the wait timed out: only a workflow task's wait has a timeout
				return TIMED_OUT;
			}
			Map<?, ?> payload = (result.get("payload") instanceof Map<?, ?> map) ? map : Map.of();
			Object error = payload.get("error");
			return outcome(String.valueOf(payload.get("status")),
					(error instanceof Map<?, ?> map && map.get("code") != null) ? String.valueOf(map.get("code"))
							: null,
					workflowTask);
		}
		Child child = (start.result() instanceof String id) ? this.children.get(id) : null;
		if (child != null && isTerminal(child.status())) {
			return outcome(child.status(), child.errorCode(), workflowTask);
		}
		return live(RUNNING);
	}

	private String outcome(String runStatus, @Nullable String errorCode, boolean workflowTask) {
		if ("completed".equals(runStatus)) {
			return SUCCEEDED;
		}
		return workflowTask ? FAILED : failure(errorCode);
	}

	/**
	 * From its items: running while any runs, and once all ended failed if any failed
	 * (timed out if every failure was a timeout).
	 */
	private String items(TaskModel task) {
		Pattern item = Pattern.compile(Pattern.quote(task.name()) + "\\[(\\d+)]");
		int count = 0;
		for (Step step : this.inOrder) {
			java.util.regex.Matcher matcher = item.matcher(step.name());
			if (matcher.matches()) {
				count = Math.max(count, Integer.parseInt(matcher.group(1)) + 1);
			}
		}
		if (count == 0) {
			return PENDING;
		}
		List<String> units = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			units.add(unit(task.name() + "[" + i + "]", task.type() == TaskType.WORKFLOW));
		}
		String live = live(units);
		if (live != null) {
			return live;
		}
		if (!ended(List.of(task))) {
			return RUNNING;
		}
		List<String> failures = units.stream().filter(TaskStatuses::isFailure).toList();
		if (failures.isEmpty()) {
			return SUCCEEDED;
		}
		return failures.stream().allMatch(TIMED_OUT::equals) ? TIMED_OUT : FAILED;
	}

	/**
	 * From its sub-tasks: running while any runs, and once all ended failed if a failed
	 * sub-task reached no successor.
	 */
	private String group(TaskModel group) {
		List<String> subs = new ArrayList<>();
		group.subtasks().forEach((sub) -> subs.add(task(sub)));
		if (subs.stream().allMatch(PENDING::equals)) {
			return PENDING;
		}
		String live = live(subs);
		if (live != null) {
			return live;
		}
		if (!ended(group.subtasks())) {
			return RUNNING;
		}
		for (TaskModel sub : group.subtasks()) {
			if (isFailure(this.statuses.get(sub.name())) && !reachedSuccessor(sub)) {
				return FAILED;
			}
		}
		return SUCCEEDED;
	}

	/**
	 * Whether a task a transition of {@code task} names was reached: a handled failure.
	 */
	private boolean reachedSuccessor(TaskModel task) {
		for (TransitionModel transition : task.next()) {
			for (String target : transition.doTasks()) {
				String status = this.statuses.get(target);
				if (status != null && !PENDING.equals(status)) {
					return true;
				}
			}
		}
		return false;
	}

	/**
	 * The status of parts that still go on: running before waiting; else {@code null}.
	 */
	private static @Nullable String live(List<String> parts) {
		for (String status : List.of(RUNNING, WAITING, CANCELLED)) {
			if (parts.contains(status)) {
				return status;
			}
		}
		return null;
	}

	/**
	 * Whether {@code tasks} ended: the run finished, or recorded a step of another task
	 * after their last one (the run goes on with the next task only once they end).
	 */
	private boolean ended(List<TaskModel> tasks) {
		if (this.runFinished) {
			return true;
		}
		List<Pattern> names = new ArrayList<>();
		collect(tasks, names);
		int last = -1;
		for (Step step : this.inOrder) {
			if (belongs(step, names)) {
				last = Math.max(last, step.seq());
			}
		}
		for (Step step : this.inOrder) {
			if (step.seq() > last && !belongs(step, names)) {
				return true;
			}
		}
		return false;
	}

	private static void collect(List<TaskModel> tasks, List<Pattern> names) {
		for (TaskModel task : tasks) {
			names.add(Pattern.compile(Pattern.quote(task.name()) + "(\\[\\d+])?(\\.done)?"));
			collect(task.subtasks(), names);
		}
	}

	private static boolean belongs(Step step, List<Pattern> names) {
		return names.stream().anyMatch((name) -> name.matcher(step.name()).matches());
	}

	private String live(String status) {
		return this.runFinished ? CANCELLED : status;
	}

	private static String failure(@Nullable String errorCode) {
		return TaskOutcome.isTimeout(errorCode) ? TIMED_OUT : FAILED;
	}

	private static boolean isFailure(@Nullable String status) {
		return FAILED.equals(status) || TIMED_OUT.equals(status);
	}

	private static boolean isTerminal(String runStatus) {
		return "completed".equals(runStatus) || "failed".equals(runStatus) || "cancelled".equals(runStatus);
	}

	private static boolean matched(@Nullable Object result) {
		return result instanceof Map<?, ?> map && Boolean.TRUE.equals(map.get("matched"));
	}

	private static boolean skipped(@Nullable Object result) {
		return result instanceof Map<?, ?> map && Boolean.TRUE.equals(map.get("skipped"));
	}

}
