package io.durableflow.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The tasks and transitions of a normalized definition (the JSON that the definitions API
 * shows, as plain maps and lists), read for drawing: whatever is not a task, a sub-task
 * or a transition is left out, and so is anything of the wrong shape, since a picture
 * must never fail on a definition the validator would refuse.
 */
final class TaskGraph {

	/** At most this many tasks are drawn (the validator allows 1,000). */
	static final int MAX_TASKS = 1000;

	/** Parallel tasks deeper than this are drawn as one box (the validator allows 5). */
	static final int MAX_DEPTH = 6;

	private final @Nullable String ref;

	private final List<Task> tasks;

	private final int omitted;

	private TaskGraph(@Nullable String ref, List<Task> tasks, int omitted) {
		this.ref = ref;
		this.tasks = tasks;
		this.omitted = omitted;
	}

	static TaskGraph of(Map<String, ?> definition) {
		Reader reader = new Reader();
		List<Task> tasks = reader.tasks(definition.get("tasks"), 1);
		return new TaskGraph(text(definition.get("ref")), tasks, reader.omitted);
	}

	@Nullable String ref() {
		return this.ref;
	}

	/** The top-level tasks, in order, sub-tasks inside their parallel task. */
	List<Task> tasks() {
		return this.tasks;
	}

	/** How many tasks were left out to keep the picture bounded. */
	int omitted() {
		return this.omitted;
	}

	/**
	 * A task.
	 *
	 * @param name its name
	 * @param type {@code action}, {@code parallel} or {@code workflow}
	 * @param action the action's name, or the ref a {@code workflow} task runs
	 * @param join how many inbound tasks it waits for, or {@code null}
	 * @param withItems whether it runs once per item
	 * @param subtasks the sub-tasks of a parallel task
	 * @param next its transitions, in order
	 */
	record Task(String name, String type, @Nullable String action, @Nullable Integer join, boolean withItems,
			List<Task> subtasks, List<Transition> next) {

		boolean isGroup() {
			return "parallel".equals(this.type) && !this.subtasks.isEmpty();
		}

	}

	/**
	 * A transition.
	 *
	 * @param when its condition as written, or {@code null} for always
	 * @param otherwise whether it is a decision's else
	 * @param publish the variables it publishes
	 * @param targets the tasks it starts
	 */
	record Transition(@Nullable String when, boolean otherwise, List<String> publish, List<String> targets) {

		Condition condition() {
			return Condition.of(this);
		}

	}

	/** What a transition waits for, as its {@code when} says: how its edge looks. */
	enum Condition {

		SUCCEEDED, FAILED, TIMED_OUT, ALWAYS, OTHERWISE, WHEN;

		/** The CSS class suffix and legend text: {@code timed_out}, {@code when}, .... */
		String cssName() {
			return name().toLowerCase(Locale.ROOT);
		}

		static Condition of(Transition transition) {
			if (transition.otherwise()) {
				return OTHERWISE;
			}
			String expression = expression(transition.when());
			if (expression == null) {
				return ALWAYS;
			}
			return switch (expression.replaceAll("\\s+", "")) {
				case "succeeded()" -> SUCCEEDED;
				case "failed()" -> FAILED;
				case "timed_out()" -> TIMED_OUT;
				default -> WHEN;
			};
		}

	}

	/** A {@code when} without its braces when it is one {@code {{ expr }}}. */
	static @Nullable String expression(@Nullable String when) {
		if (when == null || when.isBlank()) {
			return null;
		}
		String trimmed = when.trim();
		if (trimmed.startsWith("{{") && trimmed.endsWith("}}") && trimmed.indexOf("{{", 2) < 0) {
			return trimmed.substring(2, trimmed.length() - 2).trim();
		}
		return trimmed;
	}

	private static final class Reader {

		private int read;

		private int omitted;

		List<Task> tasks(@Nullable Object value, int depth) {
			List<Task> tasks = new ArrayList<>();
			if (!(value instanceof List<?> list)) {
				return tasks;
			}
			for (Object item : list) {
				if (!(item instanceof Map<?, ?> task) || !(task.get("name") instanceof String name)) {
					continue;
				}
				if (this.read >= MAX_TASKS) {
					this.omitted += 1 + count(task.get("tasks"));
					continue;
				}
				this.read++;
				String type = (text(task.get("type")) != null) ? text(task.get("type")) : "action";
				List<Task> subtasks = List.of();
				if (depth < MAX_DEPTH) {
					subtasks = tasks(task.get("tasks"), depth + 1);
				}
				else {
					this.omitted += count(task.get("tasks"));
				}
				tasks.add(new Task(name, type, text(task.get("action")),
						(task.get("join") instanceof Number join) ? join.intValue() : null,
						task.get("with_items") != null, subtasks, transitions(task.get("next"))));
			}
			return tasks;
		}

		private static List<Transition> transitions(@Nullable Object value) {
			List<Transition> transitions = new ArrayList<>();
			if (value instanceof List<?> list) {
				for (Object item : list) {
					if (item instanceof Map<?, ?> transition) {
						transitions.add(new Transition(text(transition.get("when")),
								Boolean.TRUE.equals(transition.get("otherwise")), publish(transition.get("publish")),
								strings(transition.get("do"))));
					}
				}
			}
			return transitions;
		}

		private static List<String> publish(@Nullable Object value) {
			List<String> names = new ArrayList<>();
			if (value instanceof List<?> list) {
				for (Object item : list) {
					if (item instanceof Map<?, ?> directive) {
						directive.keySet().forEach((key) -> names.add(String.valueOf(key)));
					}
				}
			}
			return names;
		}

		private static List<String> strings(@Nullable Object value) {
			List<String> strings = new ArrayList<>();
			if (value instanceof String single) {
				strings.add(single);
			}
			else if (value instanceof List<?> list) {
				list.stream().filter(String.class::isInstance).map(String.class::cast).forEach(strings::add);
			}
			return strings;
		}

		private static int count(@Nullable Object value) {
			int count = 0;
			if (value instanceof List<?> list) {
				for (Object item : list) {
					if (item instanceof Map<?, ?> task) {
						count += 1 + count(task.get("tasks"));
					}
				}
			}
			return count;
		}

	}

	private static @Nullable String text(@Nullable Object value) {
		return (value instanceof String string) ? string : null;
	}

}
