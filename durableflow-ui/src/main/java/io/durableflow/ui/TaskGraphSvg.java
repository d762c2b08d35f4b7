package io.durableflow.ui;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.durableflow.ui.TaskGraph.Condition;
import io.durableflow.ui.TaskGraph.Task;
import io.durableflow.ui.TaskGraphLayout.Box;
import io.durableflow.ui.TaskGraphLayout.Edge;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import static io.durableflow.ui.SvgText.escape;
import static io.durableflow.ui.SvgText.number;
import static io.durableflow.ui.SvgText.point;
import static io.durableflow.ui.SvgText.shorten;

/**
 * The picture of a YAML definition's task graph, drawn on the server as an inline SVG (no
 * script, nothing loaded): one box per task with its name and action, a parallel task as
 * a box around its sub-tasks, an edge per pair of tasks styled by its condition
 * ({@code edge-succeeded}, {@code edge-failed}, {@code edge-timed_out},
 * {@code edge-always}, {@code edge-otherwise}, {@code edge-when}) with an arrowhead and a
 * short label, {@code join: N} and {@code with_items} marked on the box. Each task is a
 * {@code <g class="task" data-task="name">}; given a status, it also has
 * {@code status-<status>} and {@code data-status}, which the console's stylesheet colours
 * ({@code svg.task-graph} in {@code console.css}). Every text is escaped.
 *
 * <pre>{@code
 * String svg = TaskGraphSvg.render(definition.definition(), Map.of("check", "succeeded"));
 * }</pre>
 */
public final class TaskGraphSvg {

	private static final int TITLE_CHARS = 300;

	/** Names in attributes are cut here, to keep the picture bounded. */
	private static final int NAME_CHARS = 200;

	private static final double LEGEND = 30;

	private final TaskGraph graph;

	private final TaskGraphLayout layout;

	private final Map<String, String> statuses;

	private final StringBuilder svg = new StringBuilder(4096);

	private double width;

	private TaskGraphSvg(Map<String, ?> definition, Map<String, String> statuses) {
		this.graph = TaskGraph.of(definition);
		this.layout = TaskGraphLayout.of(this.graph);
		this.statuses = statuses;
	}

	/**
	 * The picture of {@code definition}, the normalized definition as plain JSON values.
	 */
	public static String render(Map<String, ?> definition) {
		return render(definition, Map.of());
	}

	/**
	 * The picture of {@code definition}, each task coloured by its status in
	 * {@code statuses} (task name to {@code succeeded}, {@code failed}, {@code running},
	 * {@code pending}, {@code skipped}, ...).
	 */
	public static String render(Map<String, ?> definition, Map<String, String> statuses) {
		return new TaskGraphSvg(definition, statuses).write();
	}

	/**
	 * The picture of a normalized definition written as JSON text.
	 * @throws IllegalArgumentException when it is not a JSON object
	 */
	public static String render(String definitionJson, Map<String, String> statuses) {
		try {
			return render(JsonMapper.shared().readValue(definitionJson, new TypeReference<Map<String, Object>>() {
			}), statuses);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException(
					"A task graph is drawn from a definition's JSON object: " + ex.getOriginalMessage(), ex);
		}
	}

	private String write() {
		Set<Condition> conditions = EnumSet.noneOf(Condition.class);
		this.layout.edges.forEach((edge) -> conditions.add(TaskGraphText.condition(edge)));
		boolean back = this.layout.edges.stream().anyMatch(Edge::back);
		this.width = this.layout.width;
		this.layout.boxes.stream().filter((box) -> box.task().isGroup()).forEach(this::box);
		this.layout.edges.forEach(this::edge);
		this.layout.boxes.stream().filter((box) -> !box.task().isGroup()).forEach(this::box);
		if (this.layout.boxes.isEmpty()) {
			this.svg.append("<text class=\"empty\" x=\"16\" y=\"24\">No tasks</text>\n");
		}
		this.width = Math.max(this.width, legend(conditions, back));
		double height = this.layout.height + LEGEND;
		String ref = (this.graph.ref() != null) ? this.graph.ref() : "a definition";
		StringBuilder head = new StringBuilder(1024);
		head.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"task-graph\" width=\"")
			.append(number(this.width))
			.append("\" height=\"")
			.append(number(height))
			.append("\" viewBox=\"0 0 ")
			.append(number(this.width))
			.append(' ')
			.append(number(height))
			.append("\" role=\"img\" aria-label=\"")
			.append(escape(shorten("Task graph of " + ref, TITLE_CHARS)))
			.append("\">\n<title>")
			.append(escape(shorten("Task graph of " + ref + ": " + this.layout.boxes.size() + " task(s)", TITLE_CHARS)))
			.append("</title>\n<defs>");
		for (Condition condition : conditions) {
			head.append("<marker id=\"tg-arrow-")
				.append(condition.cssName())
				.append("\" class=\"arrow arrow-")
				.append(condition.cssName())
				.append("\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\"")
				.append(" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\"/></marker>");
		}
		return head.append("</defs>\n").append(this.svg).append("</svg>").toString();
	}

	private void box(Box box) {
		Task task = box.task();
		String status = this.statuses.get(task.name());
		this.svg.append("<g class=\"task")
			.append(task.isGroup() ? " parallel" : "")
			.append(TaskGraphText.statusClass(status))
			.append("\" data-task=\"")
			.append(escape(shorten(task.name(), NAME_CHARS)))
			.append('"');
		if (status != null) {
			this.svg.append(" data-status=\"").append(escape(shorten(status, TaskGraphText.LABEL_CHARS))).append('"');
		}
		this.svg.append("><title>")
			.append(escape(shorten(TaskGraphText.title(task, status), TITLE_CHARS)))
			.append("</title>");
		this.svg.append("<rect class=\"")
			.append(task.isGroup() ? "frame" : "box")
			.append("\" x=\"")
			.append(number(box.x()))
			.append("\" y=\"")
			.append(number(box.y()))
			.append("\" width=\"")
			.append(number(box.width()))
			.append("\" height=\"")
			.append(number(box.height()))
			.append("\" rx=\"6\"/>");
		int nameChars = TaskGraphLayout.fits(box.width() - TaskGraphLayout.marksWidth(task), TaskGraphLayout.NAME_CHAR);
		int textChars = TaskGraphLayout.fits(box.width(), TaskGraphLayout.TEXT_CHAR);
		text("name", box.x() + 10, box.y() + 19, shorten(task.name(), nameChars));
		String subtitle = task.isGroup() ? "parallel \u00b7 " + task.subtasks().size() + " sub-task(s)"
				: TaskGraphLayout.subtitle(task);
		text("action", box.x() + 10, box.y() + 35, shorten(subtitle, textChars));
		double right = box.x() + box.width() - 6;
		for (String mark : TaskGraphLayout.marks(task)) {
			right = mark(mark, right, box.y() + 6);
		}
		this.svg.append("</g>\n");
	}

	/**
	 * A badge on a box's first line, ending at {@code right}; where the next one ends.
	 */
	private double mark(String text, double right, double top) {
		double width = TaskGraphLayout.markWidth(text);
		this.svg.append("<g class=\"mark\"><rect x=\"")
			.append(number(right - width))
			.append("\" y=\"")
			.append(number(top))
			.append("\" width=\"")
			.append(number(width))
			.append("\" height=\"15\" rx=\"7.5\"/>");
		this.svg.append("<text x=\"")
			.append(number(right - width / 2))
			.append("\" y=\"")
			.append(number(top + 11))
			.append("\" text-anchor=\"middle\">")
			.append(escape(text))
			.append("</text></g>");
		return right - width - 4;
	}

	private void edge(Edge edge) {
		Condition condition = TaskGraphText.condition(edge);
		this.svg.append("<g class=\"edge edge-")
			.append(condition.cssName())
			.append(edge.back() ? " back" : "")
			.append("\" data-from=\"")
			.append(escape(shorten(edge.from(), NAME_CHARS)))
			.append("\" data-to=\"")
			.append(escape(shorten(edge.to(), NAME_CHARS)))
			.append("\"><title>")
			.append(escape(shorten(TaskGraphText.edgeTitle(edge), TITLE_CHARS)))
			.append("</title><path d=\"")
			.append(path(edge))
			.append("\" marker-end=\"url(#tg-arrow-")
			.append(condition.cssName())
			.append(")\"/>");
		String label = shorten(TaskGraphText.label(edge), TaskGraphText.LABEL_CHARS);
		if (!label.isEmpty()) {
			this.width = Math.max(this.width, edge.labelX() + label.length() * 3.2 + 8);
			this.svg.append("<text class=\"label\" x=\"")
				.append(number(edge.labelX()))
				.append("\" y=\"")
				.append(number(edge.labelY() + 4))
				.append("\" text-anchor=\"middle\">")
				.append(escape(label))
				.append("</text>");
		}
		this.svg.append("</g>\n");
	}

	/** Curves between the points, straight through the layers an edge passes. */
	private static String path(Edge edge) {
		List<double[]> points = edge.points();
		double[] start = points.get(0);
		StringBuilder d = new StringBuilder("M").append(point(start));
		if (edge.back()) {
			double right = points.get(1)[0];
			double below = points.get(1)[1];
			double above = points.get(2)[1];
			double[] end = points.get(3);
			double r = Math.min(6, Math.max(0, (below - start[1]) / 2));
			return d.append(" V")
				.append(number(below - r))
				.append(" Q")
				.append(point(start[0], below))
				.append(' ')
				.append(point(start[0] + r, below))
				.append(" H")
				.append(number(right - 6))
				.append(" Q")
				.append(point(right, below))
				.append(' ')
				.append(point(right, below - 6))
				.append(" V")
				.append(number(above + 6))
				.append(" Q")
				.append(point(right, above))
				.append(' ')
				.append(point(right - 6, above))
				.append(" H")
				.append(number(end[0] + r))
				.append(" Q")
				.append(point(end[0], above))
				.append(' ')
				.append(point(end[0], above + r))
				.append(" V")
				.append(number(end[1]))
				.toString();
		}
		for (int i = 1; i < points.size(); i++) {
			double[] from = points.get(i - 1);
			double[] to = points.get(i);
			if (i % 2 == 0 && i < points.size() - 1) {
				d.append(" L").append(point(to));
			}
			else {
				double middle = (from[1] + to[1]) / 2;
				d.append(" C")
					.append(point(from[0], middle))
					.append(' ')
					.append(point(to[0], middle))
					.append(' ')
					.append(point(to));
			}
		}
		return d.toString();
	}

	private double legend(Set<Condition> conditions, boolean back) {
		StringBuilder out = this.svg;
		List<String[]> items = new ArrayList<>();
		conditions.forEach((condition) -> items.add(new String[] { "edge edge-" + condition.cssName(),
				condition.cssName(), TaskGraphText.legendText(condition) }));
		if (back) {
			items.add(new String[] { "edge back", null, "back-edge" });
		}
		if (this.graph.omitted() > 0) {
			items.add(new String[] { "omitted", null, this.graph.omitted() + " more task(s) not drawn" });
		}
		double x = TaskGraphLayout.MARGIN;
		double y = this.layout.height + 12;
		out.append("<g class=\"legend\">");
		for (String[] item : items) {
			out.append("<g class=\"").append(item[0]).append("\">");
			double textX = x;
			if (!"omitted".equals(item[0])) {
				out.append("<path d=\"M").append(point(x, y)).append(" h24\"");
				if (item[1] != null) {
					out.append(" marker-end=\"url(#tg-arrow-").append(item[1]).append(")\"");
				}
				out.append("/>");
				textX = x + 30;
			}
			out.append("<text x=\"")
				.append(number(textX))
				.append("\" y=\"")
				.append(number(y + 4))
				.append("\">")
				.append(escape(item[2]))
				.append("</text></g>");
			x = textX + item[2].length() * TaskGraphLayout.TEXT_CHAR + 18;
		}
		out.append("</g>\n");
		return x + TaskGraphLayout.MARGIN;
	}

	private void text(String cssClass, double x, double y, String text) {
		this.svg.append("<text class=\"")
			.append(cssClass)
			.append("\" x=\"")
			.append(number(x))
			.append("\" y=\"")
			.append(number(y))
			.append("\">")
			.append(escape(text))
			.append("</text>");
	}

}
