package io.durableflow.definition.yaml;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The task graph: every transition target exists and is in the same group (the top level,
 * or one parallel task's sub-tasks); entry tasks are those no transition of their group
 * targets; every task is reachable from one; {@code join} is between 1 and the number of
 * tasks with a transition to it.
 */
final class GraphRules {

	private final SourceMap sourceMap;

	private final Problems problems;

	/**
	 * Every task by name, and the name of the parallel task it belongs to ("" at the
	 * top).
	 */
	private final Map<String, String> groupOf = new HashMap<>();

	GraphRules(SourceMap sourceMap, Problems problems) {
		this.sourceMap = sourceMap;
		this.problems = problems;
	}

	void check(WorkflowDefinitionModel model) {
		index(model.tasks(), "");
		group(model.tasks(), "tasks", "");
	}

	private void index(List<TaskModel> tasks, String group) {
		for (TaskModel task : tasks) {
			this.groupOf.putIfAbsent(task.name(), group);
			index(task.subtasks(), task.name());
		}
	}

	private void group(List<TaskModel> tasks, String listPath, String group) {
		Map<String, Integer> members = new LinkedHashMap<>();
		for (int i = 0; i < tasks.size(); i++) {
			members.putIfAbsent(tasks.get(i).name(), i);
		}
		Map<String, Set<String>> inbound = new HashMap<>();
		Map<String, Set<String>> edges = new HashMap<>();
		for (int i = 0; i < tasks.size(); i++) {
			TaskModel task = tasks.get(i);
			String path = SourceMap.index(listPath, i);
			for (int k = 0; k < task.next().size(); k++) {
				List<String> targets = task.next().get(k).doTasks();
				for (int t = 0; t < targets.size(); t++) {
					String target = targets.get(t);
					SourceLocation at = this.sourceMap.locate(path + ".next[" + k + "].do[" + t + "]");
					if (members.containsKey(target)) {
						edges.computeIfAbsent(task.name(), (name) -> new LinkedHashSet<>()).add(target);
						inbound.computeIfAbsent(target, (name) -> new LinkedHashSet<>()).add(task.name());
					}
					else {
						unknownTarget(task, target, group, members.keySet(), at);
					}
				}
			}
			check(task.subtasks(), path, task);
		}
		reachability(tasks, listPath, group, members, inbound, edges);
		for (int i = 0; i < tasks.size(); i++) {
			TaskModel task = tasks.get(i);
			Integer join = task.join();
			int count = inbound.getOrDefault(task.name(), Set.of()).size();
			if (join != null && (join < 1 || join > count)) {
				this.problems.error(this.sourceMap.locate(SourceMap.index(listPath, i) + ".join"),
						"join " + join + " is out of bounds: '" + task.name() + "' has " + count + " inbound task(s)"
								+ ((count > 0) ? " " + inbound.get(task.name()) + ", so join is 1 to " + count
										: ", so it cannot wait for any: remove join"));
			}
		}
	}

	private void check(List<TaskModel> subtasks, String path, TaskModel parent) {
		if (!subtasks.isEmpty()) {
			group(subtasks, path + ".tasks", parent.name());
		}
	}

	private void unknownTarget(TaskModel task, String target, String group, Set<String> members, SourceLocation at) {
		String targetGroup = this.groupOf.get(target);
		if (targetGroup == null) {
			String suggestion = Suggestions.closest(target, this.groupOf.keySet());
			this.problems.error(at, "Task '" + task.name() + "' has a transition to '" + target
					+ "', which is not a task" + ((suggestion != null) ? " (did you mean '" + suggestion + "'?)" : ""));
		}
		else if (!group.isEmpty()) {
			this.problems.error(at, "Sub-task '" + task.name() + "' of '" + group + "' has a transition to '" + target
					+ "', outside its group: a sub-task's transitions start only its sibling sub-tasks " + members);
		}
		else {
			this.problems.error(at, "Task '" + task.name() + "' has a transition to '" + target
					+ "', a sub-task of parallel task '" + targetGroup + "': only its group starts it");
		}
	}

	private void reachability(List<TaskModel> tasks, String listPath, String group, Map<String, Integer> members,
			Map<String, Set<String>> inbound, Map<String, Set<String>> edges) {
		List<String> entries = new ArrayList<>();
		for (String name : members.keySet()) {
			if (!inbound.containsKey(name)) {
				entries.add(name);
			}
		}
		if (entries.isEmpty()) {
			if (!tasks.isEmpty()) {
				this.problems.error(this.sourceMap.locate(listPath),
						"No entry task" + (group.isEmpty() ? "" : " among the sub-tasks of '" + group + "'")
								+ ": every task is the target of a transition, so none can start");
			}
			return;
		}
		Set<String> reached = new LinkedHashSet<>();
		Deque<String> pending = new ArrayDeque<>(entries);
		while (!pending.isEmpty()) {
			String name = pending.pop();
			if (reached.add(name)) {
				pending.addAll(edges.getOrDefault(name, Set.of()));
			}
		}
		for (Map.Entry<String, Integer> member : members.entrySet()) {
			if (!reached.contains(member.getKey())) {
				this.problems.error(this.sourceMap.locate(SourceMap.index(listPath, member.getValue()) + ".name"),
						"Task '" + member.getKey() + "' is unreachable: no path from an entry task " + entries
								+ " leads to it");
			}
		}
	}

}
