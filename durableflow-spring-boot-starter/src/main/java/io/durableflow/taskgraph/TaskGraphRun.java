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

	private final Map<String, Object> system;

	private final Map<String, Object> pack;

	private final Map<String, Object> vars = new LinkedHashMap<>();

	private final Map<String, TaskOutcome> outcomes = new LinkedHashMap<>();

	private final Map<String, Integer> inbound = new HashMap<>();

	private final Set<String> started = new HashSet<>();

	private final Set<String> handled = new HashSet<>();

	private final Map<String, TaskModel> byName = new HashMap<>();

	private final java.util.function.Function<String, @Nullable String> queues;

	private static final Duration FOREVER = Duration.ofDays(36500);

	TaskGraphRun(WorkflowDefinitionModel model, WorkflowContext flow, TaskTemplates templates,
			Map<String, Object> parameters, Map<String, Object> system, Map<String, Object> packConfig,
			java.util.function.Function<String, @Nullable String> queues) {
		this.model = model;
		this.queues = queues;
		this.flow = flow;
		this.templates = templates;
		this.parameters = parameters;
		this.system = system;
		this.pack = Map.of("config", packConfig);
		model.allTasks().forEach((task) -> this.byName.put(task.name(), task));
		model.vars().forEach((name, value) -> this.vars.put(name, templates.render(value, Map.of(), "vars." + name)));
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
		this.outcomes.put(task.name(), outcome);
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
				TaskCall.of(task.name(), task.action(), input, options(task)), this.queues.apply(task.action()));
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
			case ACTION -> (task.withItems() != null) ? items(task) : action(task, task.name(), null, null);
			case PARALLEL -> parallel(task);
			case WORKFLOW -> (task.withItems() != null) ? items(task) : child(task, task.name(), null, null);
		};
	}

	private TaskOutcome action(TaskModel task, String step, @Nullable Object item, @Nullable Integer index) {
		Object input;
		try {
			input = input(task, item, index);
		}
		catch (TemplateException failure) {
			return record(step, failure);
		}
		try {
			Object result = this.flow.action(step, options(task), task.action(), input, Object.class);
			return new TaskOutcome(TaskOutcome.Status.SUCCEEDED, result, null, List.of());
		}
		catch (StepFailedException failure) {
			return failedOutcome(failure);
		}
	}

	private TaskOutcome child(TaskModel task, String step, @Nullable Object item, @Nullable Integer index) {
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

	/** Every item, in order, each a step of its own; failed if any failed. */
	private TaskOutcome items(TaskModel task) {
		Object rendered;
		try {
			rendered = this.templates.render(task.withItems(), scope(null, null),
					"task '" + task.name() + "' with_items");
		}
		catch (TemplateException failure) {
			return record(task.name(), failure);
		}
		List<?> all = (rendered instanceof List<?> list) ? list : java.util.Collections.singletonList(rendered);
		List<Object> items = new ArrayList<>();
		int batch = (task.batchSize() != null) ? task.batchSize() : 0;
		if (batch > 0) {
			for (int i = 0; i < all.size(); i += batch) {
				items.add(new ArrayList<>(all.subList(i, Math.min(all.size(), i + batch))));
			}
		}
		else {
			items.addAll(all);
		}
		List<TaskOutcome> outcomes = (task.type() == TaskType.ACTION && task.concurrency() != null
				&& task.concurrency() > 1) ? concurrently(task, items) : oneByOne(task, items);
		List<Object> results = new ArrayList<>();
		List<Map<String, Object>> failedItems = new ArrayList<>();
		boolean timedOut = false;
		for (int i = 0; i < items.size(); i++) {
			TaskOutcome one = outcomes.get(i);
			results.add(one.result());
			if (one.isFailure()) {
				timedOut |= one.status() == TaskOutcome.Status.TIMED_OUT;
				Map<String, Object> failed = new LinkedHashMap<>();
				failed.put("index", i);
				failed.put("item", items.get(i));
				failed.put("error", one.error());
				failedItems.add(failed);
			}
		}
		if (failedItems.isEmpty()) {
			return new TaskOutcome(TaskOutcome.Status.SUCCEEDED, results, null, List.of());
		}
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("code", "items_failed");
		error.put("message", failedItems.size() + " of " + items.size() + " item(s) failed");
		return new TaskOutcome(timedOut && failedItems.stream().allMatch((f) -> isTimeout(f.get("error")))
				? TaskOutcome.Status.TIMED_OUT : TaskOutcome.Status.FAILED, results, error, failedItems);
	}

	private List<TaskOutcome> oneByOne(TaskModel task, List<Object> items) {
		List<TaskOutcome> outcomes = new ArrayList<>();
		for (int i = 0; i < items.size(); i++) {
			String step = task.name() + "[" + i + "]";
			outcomes.add((task.type() == TaskType.WORKFLOW) ? child(task, step, items.get(i), i)
					: action(task, step, items.get(i), i));
		}
		return outcomes;
	}

	/**
	 * Each item a child run ({@link TaskCall}), at most {@code concurrency} unfinished at
	 * once: item i starts once item i - concurrency has ended (outcomes are read in item
	 * order, so a slow item holds the window back while the others run on). Step
	 * {@code <task>[i]} starts the item's run, {@code <task>[i].done} waits for it.
	 */
	private List<TaskOutcome> concurrently(TaskModel task, List<Object> items) {
		int window = task.concurrency();
		StepOptions options = options(task);
		String queue = this.queues.apply(task.action());
		List<TaskOutcome> outcomes = new ArrayList<>();
		List<String> children = new ArrayList<>();
		List<TaskOutcome> early = new ArrayList<>();
		for (int i = 0; i < items.size(); i++) {
			if (i - outcomes.size() >= window) {
				outcomes.add(awaitItem(task, outcomes.size(), children, early));
			}
			String step = task.name() + "[" + i + "]";
			Object input;
			try {
				input = input(task, items.get(i), i);
			}
			catch (TemplateException failure) {
				early.add(record(step, failure));
				children.add(null);
				continue;
			}
			children.add(((EngineContext) this.flow).startChild(step, TaskCall.NAME,
					TaskCall.of(step, task.action(), input, options), queue));
			early.add(null);
		}
		while (outcomes.size() < items.size()) {
			outcomes.add(awaitItem(task, outcomes.size(), children, early));
		}
		return outcomes;
	}

	private TaskOutcome awaitItem(TaskModel task, int index, List<String> children, List<TaskOutcome> early) {
		if (early.get(index) != null) {
			return early.get(index);
		}
		return awaitChild(task.name() + "[" + index + "]", children.get(index));
	}

	/** Waits for a task's (or item's) child run: its outcome. */
	private TaskOutcome awaitChild(String step, String childId) {
		WorkflowOutcome outcome = this.flow.waitForWorkflow(step + ".done", childId, FOREVER);
		if (outcome.status() == RunStatus.COMPLETED) {
			return new TaskOutcome(TaskOutcome.Status.SUCCEEDED, outcome.output(Object.class), null, List.of());
		}
		Map<String, Object> error = new LinkedHashMap<>();
		io.durableflow.WorkflowError failure = outcome.error().orElse(null);
		error.put("code", (failure != null) ? failure.code() : outcome.status().dbValue());
		error.put("message", (failure != null) ? failure.message() : "item run " + outcome.status().dbValue());
		boolean timedOut = failure != null && "step_timeout".equals(failure.code());
		return new TaskOutcome(timedOut ? TaskOutcome.Status.TIMED_OUT : TaskOutcome.Status.FAILED, null, error,
				List.of());
	}

	private static boolean isTimeout(@Nullable Object error) {
		return error instanceof Map<?, ?> map && "step_timeout".equals(map.get("code"));
	}

	/** The group's sub-tasks; it succeeds when none failed unhandled. */
	private TaskOutcome parallel(TaskModel task) {
		List<String> unhandled = runGroup(task.subtasks());
		Map<String, Object> results = new LinkedHashMap<>();
		for (TaskModel sub : task.subtasks()) {
			TaskOutcome outcome = this.outcomes.get(sub.name());
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
					this.vars.put(publish.name(), this.templates.render(publish.value(), scope(null, null),
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

	private Object input(TaskModel task, @Nullable Object item, @Nullable Integer index) {
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
	private Map<String, Object> scope(@Nullable Object item, @Nullable Integer index) {
		Map<String, Object> scope = new HashMap<>(this.vars);
		scope.put("parameters", this.parameters);
		scope.put("vars", this.vars);
		scope.put("workflow", this.vars);
		scope.put("system", this.system);
		scope.put("pack", this.pack);
		Map<String, Object> tasks = new HashMap<>();
		this.outcomes.forEach((name, outcome) -> tasks.put(name, view(outcome)));
		scope.put("task", tasks);
		if (index != null) {
			scope.put("item", item);
			scope.put("index", index);
		}
		return scope;
	}

	/**
	 * {@code task.<name>}: the result's fields when it is an object, and {@code result},
	 * {@code results}, {@code failed_items}, {@code status} and {@code error}.
	 */
	private static Map<String, Object> view(TaskOutcome outcome) {
		Map<String, Object> view = new HashMap<>();
		if (outcome.result() instanceof Map<?, ?> map) {
			map.forEach((key, value) -> view.put(String.valueOf(key), value));
		}
		view.put("result", outcome.result());
		view.put("results", (outcome.result() instanceof List<?>) ? outcome.result() : List.of());
		view.put("failed_items", outcome.failedItems());
		view.put("status", outcome.status().text());
		view.put("error", outcome.error());
		return view;
	}

	private StepOptions options(TaskModel task) {
		StepOptions.Builder options = StepOptions.builder().maxAttempts(1);
		RetryModel retry = task.retry();
		if (retry != null) {
			options.maxAttempts(retry.attempts()).initialBackoff(retry.delay());
			switch (retry.backoff()) {
				case CONSTANT -> options.backoffMultiplier(1.0);
				case LINEAR -> options.linearBackoff();
				case EXPONENTIAL -> options.backoffMultiplier(2.0);
			}
			options.maxBackoff((retry.maxDelay() != null) ? retry.maxDelay() : Duration.ofDays(1));
		}
		if (task.timeout() != null) {
			options.timeout(task.timeout());
		}
		return options.build();
	}

	/** A task that failed before it ran (a template): recorded as a failed step. */
	private TaskOutcome record(String step, TemplateException failure) {
		try {
			this.flow.step(step, StepOptions.builder().maxAttempts(1).build(), Object.class, () -> {
				throw failure;
			});
		}
		catch (StepFailedException recorded) {
			return failedOutcome(recorded);
		}
		throw new IllegalStateException("step " + step + " was recorded as done though its template failed");
	}

	private static TaskOutcome failedOutcome(StepFailedException failure) {
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("code", failure.error().code());
		error.put("message", failure.error().message());
		boolean timedOut = "step_timeout".equals(failure.error().code());
		return new TaskOutcome(timedOut ? TaskOutcome.Status.TIMED_OUT : TaskOutcome.Status.FAILED, null, error,
				List.of());
	}

}
