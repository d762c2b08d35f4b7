package io.durableflow.definition.yaml;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * One transition of a task, the canonical form ({@code next: [{when, publish, do}]}).
 * After a task ends its transitions are evaluated in order, each on its own.
 *
 * <p>
 * A legacy {@code decision} becomes transitions marked {@link #decision()}; its
 * {@code default} branch is the one marked {@link #otherwise()} too: it fires only when
 * no other decision transition of the task fired (an "else"). Both flags may also be
 * written in a {@code next} entry ({@code decision: true}, {@code otherwise: true}), so
 * the normalized JSON reads back as the same definition.
 *
 * @param when the condition, a template (braces optional); {@code null} fires always
 * @param publish variables to set when it fires, in this order
 * @param doTasks the tasks it starts ({@code do}), possibly none
 * @param decision whether it is a branch of the task's decision
 * @param otherwise whether it is the decision's else: fires when no other branch did
 * @param line the line of the transition in the source, from 1
 * @param column its column, from 1
 */
public record TransitionModel(@Nullable String when, List<PublishModel> publish, List<String> doTasks, boolean decision,
		boolean otherwise, int line, int column) {

	public TransitionModel {
		publish = List.copyOf(publish);
		doTasks = List.copyOf(doTasks);
		Assert.isTrue(!otherwise || decision, "An otherwise transition is a branch of a decision");
		Assert.isTrue(!otherwise || when == null, "An otherwise transition has no when");
	}

	/**
	 * The condition as an expression: {@link #when()} without the braces when it is one
	 * {@code {{ expr }}}, as it is otherwise; {@code null} when it has none.
	 */
	public @Nullable String condition() {
		if (this.when == null) {
			return null;
		}
		String trimmed = this.when.trim();
		if (trimmed.startsWith("{{") && trimmed.endsWith("}}") && trimmed.indexOf("{{", 2) < 0) {
			return trimmed.substring(2, trimmed.length() - 2).trim();
		}
		return trimmed;
	}

}
