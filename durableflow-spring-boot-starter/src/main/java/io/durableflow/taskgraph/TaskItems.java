package io.durableflow.taskgraph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.durableflow.StepOptions;
import io.durableflow.definition.yaml.TaskModel;
import io.durableflow.definition.yaml.TaskType;

/**
 * A with_items task of a {@link TaskGraphRun}: its items rendered (in chunks with
 * {@code batch_size}), each run as a step of the run ({@code <task>[i]}) one by one, or
 * with {@code concurrency} above 1 as child runs that many at once; the outcome
 * aggregated in item order.
 */
final class TaskItems {

	private final TaskGraphRun run;

	TaskItems(TaskGraphRun run) {
		this.run = run;
	}

	/** Every item, in order, each a step of its own; failed if any failed. */
	TaskOutcome run(TaskModel task) {
		Object rendered;
		try {
			rendered = this.run.templates()
				.render(task.withItems(), this.run.scope(null, null), "task '" + task.name() + "' with_items");
		}
		catch (TemplateException failure) {
			return this.run.record(task.name(), failure);
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
		boolean allTimedOut = true;
		for (int i = 0; i < items.size(); i++) {
			TaskOutcome one = outcomes.get(i);
			results.add(one.result());
			if (one.isFailure()) {
				allTimedOut &= one.status() == TaskOutcome.Status.TIMED_OUT;
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
		return new TaskOutcome(allTimedOut ? TaskOutcome.Status.TIMED_OUT : TaskOutcome.Status.FAILED, results, error,
				failedItems);
	}

	private List<TaskOutcome> oneByOne(TaskModel task, List<Object> items) {
		List<TaskOutcome> outcomes = new ArrayList<>();
		for (int i = 0; i < items.size(); i++) {
			String step = task.name() + "[" + i + "]";
			outcomes.add((task.type() == TaskType.WORKFLOW) ? this.run.child(task, step, items.get(i), i)
					: this.run.action(task, step, items.get(i), i));
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
		StepOptions options = TaskCall.options(task);
		String queue = this.run.queue(task.action());
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
				input = this.run.input(task, items.get(i), i);
			}
			catch (TemplateException failure) {
				early.add(this.run.record(step, failure));
				children.add(null);
				continue;
			}
			children.add(this.run.engine()
				.startChild(step, TaskCall.NAME, TaskCall.of(step, task.action(), input, options), queue));
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
		return this.run.awaitChild(task.name() + "[" + index + "]", children.get(index));
	}

}
