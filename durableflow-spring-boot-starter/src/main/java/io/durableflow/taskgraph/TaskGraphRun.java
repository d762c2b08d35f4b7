package io.durableflow.taskgraph;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.durableflow.RunStatus;
import io.durableflow.StepError;
import io.durableflow.StepFailedException;
import io.durableflow.StepOptions;
import io.durableflow.WorkflowContext;
import io.durableflow.WorkflowOutcome;
import io.durableflow.definition.yaml.PublishModel;
import io.durableflow.definition.yaml.RetryModel;
import io.durableflow.definition.yaml.TaskModel;
import io.durableflow.definition.yaml.TaskType;
import io.durableflow.definition.yaml.TransitionModel;
import io.durableflow.definition.yaml.WorkflowDefinitionModel;
import io.durableflow.execution.EngineContext;
import org.jspecify.annotations.Nullable;

/**
 * One execution of a task graph (DEFINITIONS.md, "Running"): entry tasks first, then
 * every task a fired transition names, each at most once, in the order they became ready;
 * a task with {@code join: N} once N of its inbound tasks have fired into it. Each task
 * execution is a memoized step named by the task ({@code <task>[<index>]} for a
 * with_items item), so everything decided here (conditions, publishes, which task is
 * next) is decided again, identically, from recorded results when the run is replayed.
 * The run ends when no task is ready: failed with {@code Workflow failed: N task(s)
 * failed: …} if a failed or timed-out task scheduled no successor, completed with its
 * {@code output_map} otherwise.
 * <p>
 * A task that is alone (nothing else ready or running) runs in place, as a step of the
 * run. Tasks that are ready together (entry tasks, the targets of one transition, the
 * sub-tasks of a {@code parallel} group) run at the same time, on any instance: each
 * plain action task among them is a child run of {@link TaskCall} (step {@code <task>}
 * starts it, {@code <task>.done} waits for it), and their outcomes are taken in the order
 * they were started. The items of a with_items task with {@code concurrency} above 1 are
 * such child runs too, that many at once.
 */
final class TaskGraphRun {

	/** The deepest nesting of {@code workflow} tasks. */
	static final int MAX_DEPTH = 10;

	private final WorkflowDefinitionModel model;

	private final WorkflowContext flow;

	private final TaskTemplates templates;

	private final Map<String, Object> parameters;

	private final TaskScope state;

	private final Map<String, Integer> inbound = new HashMap<>();

	private final Set<String> started = new HashSet<>();

	private final Set<String> handled = new HashSet<>();

	private final Map<String, TaskModel> byName = new HashMap<>();

	private final java.util.function.Function<String, @Nullable String> queues;

	private final TaskItems items = new TaskItems(this);

	private static final Duration FOREVER = Duration.ofDays(36500);

	TaskGraphRun(WorkflowDefinitionModel model, WorkflowContext flow, TaskTemplates templates,
			Map<String, Object> parameters, Map<String, Object> system, Map<String, Object> packConfig,
			java.util.function.Function<String, @Nullable String> queues) {
		this.model = model;
		this.queues = queues;
		this.flow = flow;
		this.templates = templates;
		this.parameters = parameters;
		this.state = new TaskScope(parameters, system, Map.of("config", packConfig));
		model.allTasks().forEach((task) -> this.byName.put(task.name(), task));
		model.vars()
			.forEach((name, value) -> this.state.vars().put(name, templates.render(value, Map.of(), "vars." + name)));
	}

	TaskTemplates templates() {
		return this.templates;
	}

	/** The queue the action's executions run in, {@code null} for the default one. */
	@Nullable String queue(String action) {
		return this.queues.apply(action);
	}

	EngineContext engine() {
		return (EngineContext) this.flow;
	}

	/** Runs the graph to its end: the run's output, or a failure. */
	Map<String, Object> run() {
		List<String> unhandled = runGroup(this.model.tasks());
		if (!unhandled.isEmpty()) {
			throw StepError.permanent("workflow_failed",
					"Workflow failed: " + unhandled.size() + " task(s) failed: " + String.join(", ", unhandled));
		}
		return output();
	}

	/**
	 * Runs {@code tasks} (the top level, or a parallel group's sub-tasks) until none is
	 * ready; the failed or timed-out tasks no transition handled, in the order they
	 * ended.
	 */
	private List<String> runGroup(List<TaskModel> tasks) {
		Set<String> targeted = new HashSet<>();
		tasks.forEach((task) -> task.next().forEach((transition) -> targeted.addAll(transition.doTasks())));
		Deque<TaskModel> ready = new ArrayDeque<>();
		for (TaskModel task : tasks) {
			if (!targeted.contains(task.name()) && this.started.add(task.name())) {
				ready.add(task);
			}
		}
		List<String> failed = new ArrayList<>();
		Deque<InFlight> running = new ArrayDeque<>();
		while (!ready.isEmpty() || !running.isEmpty()) {
			if (ready.isEmpty()) {
				InFlight next = running.poll();
				end(next.task(), awaitChild(next.task().name(), next.childId()), ready, failed);
				continue;
			}
			TaskModel task = ready.poll();
			if (runsAsChild(task) && (!ready.isEmpty() || !running.isEmpty())) {
				// another task is ready or running: this one runs beside it, as a run of
				// its own
				InFlight launched = launch(task);
				if (launched != null) {
					running.add(launched);
					continue;
				}
			}
			end(task, execute(task), ready, failed);
		}
		return failed;
	}

	/** A task that ended: its transitions fire, its failure is noted unless handled. */
	private void end(TaskModel task, TaskOutcome outcome, Deque<TaskModel> ready, List<String> failed) {
		this.state.outcomes().put(task.name(), outcome);
		if (outcome.status() != TaskOutcome.Status.SKIPPED) {
			ready.addAll(fire(task, outcome));
		}
		if (outcome.isFailure() && !this.handled.contains(task.name())) {
			failed.add(task.name());
		}
	}

	/**
	 * Whether the task can run as a child run when others are ready or running: a plain
	 * action (not an inquiry, which its run's page answers).
	 */
	private static boolean runsAsChild(TaskModel task) {
		return task.type() == TaskType.ACTION && task.withItems() == null && task.action() != null
				&& !task.action().equals("core.inquiry");
	}

	/**
	 * Starts {@code task} as a child run ({@link TaskCall}); {@code null} when it did not
	 * start: it is skipped, or its input failed to render, and {@link #execute} records
	 * that as it would for a task run in place.
	 */
	private @Nullable InFlight launch(TaskModel task) {
		Object input;
		try {
			if (task.when() != null
					&& !this.templates.test(task.when(), scope(null, null), "task '" + task.name() + "' when")) {
				return null;
			}
			input = input(task, null, null);
		}
		catch (TemplateException failure) {
			return null;
		}
		String childId = ((EngineContext) this.flow).startChild(task.name(), TaskCall.NAME,
				TaskCall.of(task.name(), task.action(), input, TaskCall.options(task)),
				this.queues.apply(task.action()));
		return new InFlight(task, childId);
	}

	/** A task running as a child run. */
	private record InFlight(TaskModel task, String childId) {
	}

	private TaskOutcome execute(TaskModel task) {
		if (task.when() != null) {
			String condition = task.when();
			boolean run;
			try {
				run = this.templates.test(condition, scope(null, null), "task '" + task.name() + "' when");
			}
			catch (TemplateException failure) {
				return record(task.name(), failure);
			}
			if (!run) {
				// recorded, so the timeline shows the task and why it did not run
				this.flow.step(task.name(), Map.class, () -> Map.of("skipped", true, "when", condition));
				return new TaskOutcome(TaskOutcome.Status.SKIPPED, null, null, List.of());
			}
		}
		return switch (task.type()) {
			case ACTION -> (task.withItems() != null) ? this.items.run(task) : action(task, task.name(), null, null);
			case PARALLEL -> parallel(task);
			case WORKFLOW -> (task.withItems() != null) ? this.items.run(task) : child(task, task.name(), null, null);
		};
	}

	TaskOutcome action(TaskModel task, String step, @Nullable Object item, @Nullable Integer index) {
		Object input;
		try {
			input = input(task, item, index);
		}
		catch (TemplateException failure) {
			return record(step, failure);
		}
		if ("core.inquiry".equals(task.action()) && task.timeout() != null && input instanceof Map<?, ?> request
				&& !request.containsKey("timeout")) {
			// the task's timeout is the inquiry's, unless its input gives one
			Map<String, Object> timed = new LinkedHashMap<>();
			request.forEach((key, value) -> timed.put(String.valueOf(key), value));
			timed.put("timeout", task.timeout().toMillis() / 1000.0);
			input = timed;
		}
		try {
			Object result = this.flow.action(step, TaskCall.options(task), task.action(), input, Object.class);
			return new TaskOutcome(TaskOutcome.Status.SUCCEEDED, result, null, List.of());
		}
		catch (StepFailedException failure) {
			return TaskOutcome.failed(failure);
		}
	}

	TaskOutcome child(TaskModel task, String step, @Nullable Object item, @Nullable Integer index) {
		Object input;
		try {
			input = input(task, item, index);
			int depth = this.flow.runId().split("/", -1).length;
			if (depth > MAX_DEPTH) {
				throw new TemplateException("task '" + task.name() + "': workflow tasks nest at most " + MAX_DEPTH
						+ " deep; this run is at depth " + depth);
			}
		}
		catch (TemplateException failure) {
			return record(step, failure);
		}
		String childId = ((EngineContext) this.flow).startChild(step, task.action(), input, null);
		Duration timeout = (task.timeout() != null) ? task.timeout() : FOREVER;
		WorkflowOutcome outcome = this.flow.waitForWorkflow(step + ".done", childId, timeout);
		if (outcome.status() == RunStatus.COMPLETED) {
			return new TaskOutcome(TaskOutcome.Status.SUCCEEDED, outcome.output(Object.class), null, List.of());
		}
		boolean timedOut = !outcome.isFinished();
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("code", timedOut ? "step_timeout" : "child_failed");
		error.put("message",
				timedOut ? "Child run " + childId + " did not finish within " + timeout
						: "Child run " + childId + " ended " + outcome.status().dbValue()
								+ outcome.error().map((e) -> ": " + e.message()).orElse(""));
		return new TaskOutcome(timedOut ? TaskOutcome.Status.TIMED_OUT : TaskOutcome.Status.FAILED, null, error,
				List.of());
	}

	/** Waits for a task's (or item's) child run: its outcome. */
	TaskOutcome awaitChild(String step, String childId) {
		WorkflowOutcome outcome = this.flow.waitForWorkflow(step + ".done", childId, FOREVER);
		if (outcome.status() == RunStatus.COMPLETED) {
			return new TaskOutcome(TaskOutcome.Status.SUCCEEDED, outcome.output(Object.class), null, List.of());
		}
		io.durableflow.WorkflowError failure = outcome.error().orElse(null);
		return (failure != null) ? TaskOutcome.failed(failure.code(), failure.message())
				: TaskOutcome.failed(outcome.status().dbValue(), "item run " + outcome.status().dbValue());
	}

	/** The group's sub-tasks; it succeeds when none failed unhandled. */
	private TaskOutcome parallel(TaskModel task) {
		List<String> unhandled = runGroup(task.subtasks());
		Map<String, Object> results = new LinkedHashMap<>();
		for (TaskModel sub : task.subtasks()) {
			TaskOutcome outcome = this.state.outcomes().get(sub.name());
			if (outcome != null) {
				results.put(sub.name(), outcome.result());
			}
		}
		if (unhandled.isEmpty()) {
			return new TaskOutcome(TaskOutcome.Status.SUCCEEDED, results, null, List.of());
		}
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("code", "subtasks_failed");
		error.put("message", unhandled.size() + " sub-task(s) failed: " + String.join(", ", unhandled));
		return new TaskOutcome(TaskOutcome.Status.FAILED, results, error, List.of());
	}

	/**
	 * The task's transitions, in order, each on its own; a decision's else fires only
	 * when no other branch of it did. Returns the tasks that became ready.
	 */
	private List<TaskModel> fire(TaskModel task, TaskOutcome outcome) {
		List<TaskModel> ready = new ArrayList<>();
		TaskFunctions.with(outcome, () -> {
			List<TransitionModel> transitions = task.next();
			boolean[] fires = new boolean[transitions.size()];
			boolean decided = false;
			for (int i = 0; i < transitions.size(); i++) {
				TransitionModel transition = transitions.get(i);
				if (!transition.otherwise()) {
					fires[i] = transition.condition() == null || this.templates.test(transition.condition(),
							scope(null, null), "task '" + task.name() + "' transition " + (i + 1) + " when");
					decided |= fires[i] && transition.decision();
				}
			}
			for (int i = 0; i < transitions.size(); i++) {
				TransitionModel transition = transitions.get(i);
				if (transition.otherwise()) {
					fires[i] = !decided;
				}
				if (!fires[i]) {
					continue;
				}
				for (PublishModel publish : transition.publish()) {
					this.state.vars()
						.put(publish.name(), this.templates.render(publish.value(), scope(null, null),
								"task '" + task.name() + "' publish " + publish.name()));
				}
				if (!transition.doTasks().isEmpty()) {
					this.handled.add(task.name());
				}
				for (String target : transition.doTasks()) {
					TaskModel next = this.byName.get(target);
					int count = this.inbound.merge(target, 1, Integer::sum);
					boolean joined = next.join() == null || count >= next.join();
					if (joined && this.started.add(target)) {
						ready.add(next);
					}
				}
			}
		});
		return ready;
	}

	Object input(TaskModel task, @Nullable Object item, @Nullable Integer index) {
		if (task.input() == null) {
			return this.parameters;
		}
		return this.templates.render(task.input(), scope(item, index), "task '" + task.name() + "' input");
	}

	private Map<String, Object> output() {
		if (this.model.outputMap().isEmpty()) {
			return Map.of("succeeded", true);
		}
		Map<String, Object> output = new LinkedHashMap<>();
		this.model.outputMap().forEach((name, template) -> {
			try {
				output.put(name, this.templates.render(template, scope(null, null), "output_map." + name));
			}
			catch (TemplateException failure) {
				this.flow.log().warn("output_map." + name + " left out: " + failure.getMessage(), Map.of());
			}
		});
		return output;
	}

	/** What templates see. */
	Map<String, Object> scope(@Nullable Object item, @Nullable Integer index) {
		return this.state.scope(item, index);
	}

	/** A task that failed before it ran (a template): recorded as a failed step. */
	TaskOutcome record(String step, TemplateException failure) {
		try {
			this.flow.step(step, StepOptions.builder().maxAttempts(1).build(), Object.class, () -> {
				throw failure;
			});
		}
		catch (StepFailedException recorded) {
			return TaskOutcome.failed(recorded);
		}
		throw new IllegalStateException("step " + step + " was recorded as done though its template failed");
	}

}
