package io.durableflow.ui;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.durableflow.ui.TaskGraph.Condition;
import io.durableflow.ui.TaskGraph.Task;
import io.durableflow.ui.TaskGraph.Transition;
import io.durableflow.ui.TaskGraphLayout.Edge;
import org.jspecify.annotations.Nullable;

import static io.durableflow.ui.SvgText.oneLine;
import static io.durableflow.ui.SvgText.shorten;

/**
 * The words of a task graph picture: the short label an edge shows, what hovering a box
 * or an edge says, the legend's names of the conditions, the CSS class of a status.
 */
final class TaskGraphText {

	static final int LABEL_CHARS = 28;

	private TaskGraphText() {
	}

	static String legendText(Condition condition) {
		return switch (condition) {
			case SUCCEEDED -> "succeeded";
			case FAILED -> "failed";
			case TIMED_OUT -> "timed out";
			case ALWAYS -> "always";
			case OTHERWISE -> "else (decision)";
			case WHEN -> "when \u2026";
		};
	}

	/** The first transition's: one edge stands for every transition between two tasks. */
	static Condition condition(Edge edge) {
		return edge.transitions().get(0).condition();
	}

	/** Every transition's short label, once each; a success needs none, green says it. */
	static String label(Edge edge) {
		Set<String> labels = new LinkedHashSet<>();
		for (Transition transition : edge.transitions()) {
			Condition condition = transition.condition();
			String label = switch (condition) {
				case SUCCEEDED -> "";
				case WHEN -> oneLine(TaskGraph.expression(transition.when()));
				case OTHERWISE -> "else";
				default -> legendText(condition);
			};
			if (!label.isEmpty()) {
				labels.add(label);
			}
		}
		return String.join(" / ", labels);
	}

	static String edgeTitle(Edge edge) {
		List<String> parts = new ArrayList<>();
		for (Transition transition : edge.transitions()) {
			String part = transition.otherwise() ? "else"
					: (transition.when() != null) ? "when " + oneLine(transition.when()) : "always";
			if (!transition.publish().isEmpty()) {
				part += ", publishes " + String.join(", ", transition.publish());
			}
			parts.add(part);
		}
		return oneLine(edge.from()) + " \u2192 " + oneLine(edge.to()) + (edge.back() ? " (back-edge)" : "") + ": "
				+ String.join("; ", parts);
	}

	static String title(Task task, @Nullable String status) {
		StringBuilder title = new StringBuilder(oneLine(task.name())).append(" \u00b7 ")
			.append(oneLine(TaskGraphLayout.subtitle(task)));
		if (task.join() != null) {
			title.append(" \u00b7 join ").append(task.join());
		}
		if (task.withItems()) {
			title.append(" \u00b7 with_items");
		}
		if (status != null) {
			title.append(" \u00b7 ").append(oneLine(status));
		}
		return title.toString();
	}

	/**
	 * {@code " status-<status>"} with only the letters, digits, - and _ of the status.
	 */
	static String statusClass(@Nullable String status) {
		if (status == null) {
			return "";
		}
		String name = status.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "");
		return name.isEmpty() ? "" : " status-" + shorten(name, LABEL_CHARS);
	}

}
