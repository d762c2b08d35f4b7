package io.durableflow.ui;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.durableflow.ui.TaskGraph.Task;
import io.durableflow.ui.TaskGraph.Transition;

/**
 * Where each task's box and each edge of a task graph go, in the units of the picture's
 * view box: the layers top to bottom ({@link TaskLayers}), each layer centered; a
 * parallel task is a box around the layout of its sub-tasks; edges leave a box at its
 * bottom and enter the next at its top, each through its own port, and back-edges go
 * round the right of the boxes they pass.
 */
final class TaskGraphLayout {

	static final double MARGIN = 16;

	static final double BOX_HEIGHT = 46;

	static final double MIN_WIDTH = 150;

	static final double MAX_WIDTH = 240;

	static final double NAME_CHAR = 7.4;

	static final double TEXT_CHAR = 6.6;

	static final double GAP = 28;

	static final double LAYER_GAP = 60;

	static final double PAD = 14;

	static final double HEADER = 40;

	private static final double PLACEHOLDER = 10;

	private static final double LANE = 16;

	private static final double PORT = 16;

	/**
	 * Where a forward edge's label goes: the point 60% along the curve of its first
	 * segment, whose controls are level with the middle of the segment (the cubic's
	 * weights at t = 0.6), so that the labels of edges out of one task spread out.
	 */
	private static final double LABEL_X = 3 * 0.4 * 0.36 + 0.216;

	private static final double LABEL_Y = 0.72 / 2 + 0.216;

	/** Room above the first layer (or below the last) for a back-edge's turn. */
	private static final double BACK_ROOM = 26;

	static final double MARK_CHAR = 6.2;

	final double width;

	final double height;

	/** Every box, a parallel task before its sub-tasks. */
	final List<Box> boxes;

	final List<Edge> edges;

	/** Each task's layer within its group. */
	final Map<String, Integer> layerOf;

	private TaskGraphLayout(double width, double height, List<Box> boxes, List<Edge> edges,
			Map<String, Integer> layerOf) {
		this.width = width;
		this.height = height;
		this.boxes = boxes;
		this.edges = edges;
		this.layerOf = layerOf;
	}

	static TaskGraphLayout of(TaskGraph graph) {
		Map<String, Integer> layerOf = new LinkedHashMap<>();
		TaskGraphLayout group = group(graph.tasks(), layerOf);
		return new TaskGraphLayout(group.width + 2 * MARGIN, group.height + 2 * MARGIN,
				group.boxes.stream().map((box) -> box.moved(MARGIN, MARGIN)).toList(),
				group.edges.stream().map((edge) -> edge.moved(MARGIN, MARGIN)).toList(), layerOf);
	}

	/** What a box shows under a task's name. */
	static String subtitle(Task task) {
		return switch (task.type()) {
			case "parallel" -> "parallel";
			case "workflow" -> "workflow \u2192 " + ((task.action() != null) ? task.action() : "?");
			default -> (task.action() != null) ? task.action() : task.type();
		};
	}

	/** The marks a box shows beside its name, right to left. */
	static List<String> marks(Task task) {
		List<String> marks = new ArrayList<>();
		if (task.withItems()) {
			marks.add("with_items");
		}
		if (task.join() != null) {
			marks.add("join: " + task.join());
		}
		return marks;
	}

	/** The width of one mark, and the room all of a task's take. */
	static double markWidth(String mark) {
		return mark.length() * MARK_CHAR + 12;
	}

	static double marksWidth(Task task) {
		return marks(task).stream().mapToDouble((mark) -> markWidth(mark) + 4).sum();
	}

	/** How many characters of text fit in {@code width}. */
	static int fits(double width, double charWidth) {
		return Math.max(4, (int) ((width - 20) / charWidth));
	}

	private static TaskGraphLayout group(List<Task> tasks, Map<String, Integer> layerOf) {
		int count = tasks.size();
		TaskGraphLayout[] inner = new TaskGraphLayout[count];
		TaskLayers layers = new TaskLayers(tasks);
		int nodes = layers.layer.length;
		double[] w = new double[nodes];
		double[] h = new double[nodes];
		for (int i = 0; i < nodes; i++) {
			if (i >= count) {
				w[i] = PLACEHOLDER;
				continue;
			}
			Task task = tasks.get(i);
			layerOf.putIfAbsent(task.name(), layers.layer[i]);
			double text = Math.max(task.name().length() * NAME_CHAR + marksWidth(task),
					subtitle(task).length() * TEXT_CHAR) + 24;
			w[i] = Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, text));
			h[i] = BOX_HEIGHT;
			if (task.isGroup()) {
				inner[i] = group(task.subtasks(), layerOf);
				w[i] = Math.max(w[i], inner[i].width + 2 * PAD);
				h[i] = inner[i].height + HEADER + PAD;
			}
		}
		int layerCount = layers.layers.size();
		double[] band = new double[layerCount];
		for (int node = 0; node < nodes; node++) {
			band[layers.layer[node]] = Math.max(band[layers.layer[node]], Math.max(h[node], BOX_HEIGHT));
		}
		boolean backToFirst = layers.edges.stream().anyMatch((edge) -> edge.back && layers.layer[edge.to] == 0);
		boolean backFromLast = layers.edges.stream()
			.anyMatch((edge) -> edge.back && layers.layer[edge.from] == layerCount - 1);
		double[] top = new double[layerCount];
		for (int l = 0; l < layerCount; l++) {
			top[l] = (l == 0) ? (backToFirst ? BACK_ROOM : 0) : top[l - 1] + band[l - 1] + LAYER_GAP;
		}
		double[] x = LayerPlacement.place(layers, w, GAP);
		double[] y = new double[nodes];
		double width = 0;
		for (int node = 0; node < nodes; node++) {
			int l = layers.layer[node];
			y[node] = layers.isPlaceholder(node) ? top[l] : top[l] + (band[l] - h[node]) / 2;
			if (layers.isPlaceholder(node)) {
				h[node] = band[l];
			}
			width = Math.max(width, x[node] + w[node]);
		}
		double height = (layerCount > 0) ? top[layerCount - 1] + band[layerCount - 1] : 0;
		height += backFromLast ? BACK_ROOM : 0;
		Geometry geometry = new Geometry(layers, x, y, w, h);
		List<Edge> edges = new ArrayList<>();
		double right = width;
		int lane = 0;
		for (TaskLayers.Edge edge : layers.edges) {
			Edge drawn;
			if (edge.back) {
				drawn = geometry.backEdge(tasks, edge, ++lane, top, band);
			}
			else {
				drawn = geometry.forwardEdge(tasks, edge);
			}
			edges.add(drawn);
			right = Math.max(right, drawn.points().stream().mapToDouble((point) -> point[0]).max().orElse(0) + 8);
		}
		List<Box> boxes = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			boxes.add(new Box(tasks.get(i), x[i], y[i], w[i], h[i]));
			if (inner[i] != null) {
				double dx = x[i] + PAD;
				double dy = y[i] + HEADER;
				inner[i].boxes.forEach((box) -> boxes.add(box.moved(dx, dy)));
				inner[i].edges.forEach((e) -> edges.add(e.moved(dx, dy)));
			}
		}
		return new TaskGraphLayout(right, height, boxes, edges, layerOf);
	}

	/** The nodes of one group as placed, and the edges between them. */
	private static final class Geometry {

		private final TaskLayers layers;

		private final double[] x;

		private final double[] y;

		private final double[] w;

		private final double[] h;

		/**
		 * Each forward edge's offset from the middle of the box it leaves, and enters.
		 */
		private final Map<TaskLayers.Edge, double[]> ports = new IdentityHashMap<>();

		Geometry(TaskLayers layers, double[] x, double[] y, double[] w, double[] h) {
			this.layers = layers;
			this.x = x;
			this.y = y;
			this.w = w;
			this.h = h;
			List<List<TaskLayers.Edge>> out = new ArrayList<>();
			List<List<TaskLayers.Edge>> in = new ArrayList<>();
			for (int node = 0; node < x.length; node++) {
				out.add(new ArrayList<>());
				in.add(new ArrayList<>());
			}
			for (TaskLayers.Edge edge : layers.edges) {
				if (!edge.back) {
					this.ports.put(edge, new double[2]);
					out.get(edge.from).add(edge);
					in.get(edge.to).add(edge);
				}
			}
			for (int node = 0; node < x.length; node++) {
				spread(node, out.get(node), 0, 1);
				spread(node, in.get(node), 1, -2);
			}
		}

		/**
		 * Spreads the edges over the box's edge in the order of the point each goes to
		 * next ({@code neighbour} 1) or comes from ({@code neighbour} -2, from the end).
		 */
		private void spread(int node, List<TaskLayers.Edge> edges, int end, int neighbour) {
			if (edges.size() < 2) {
				return;
			}
			edges.sort(Comparator.comparingDouble((TaskLayers.Edge edge) -> center(
					edge.chain.get((neighbour >= 0) ? neighbour : edge.chain.size() + neighbour))));
			double step = Math.min(PORT, (this.w[node] - 24) / (edges.size() - 1));
			for (int i = 0; i < edges.size(); i++) {
				this.ports.get(edges.get(i))[end] = (i - (edges.size() - 1) / 2.0) * step;
			}
		}

		private double center(int node) {
			return this.x[node] + this.w[node] / 2;
		}

		Edge forwardEdge(List<Task> tasks, TaskLayers.Edge edge) {
			List<double[]> points = new ArrayList<>();
			List<Integer> chain = edge.chain;
			double[] port = this.ports.get(edge);
			points.add(new double[] { center(edge.from) + port[0], this.y[edge.from] + this.h[edge.from] });
			for (int i = 1; i < chain.size() - 1; i++) {
				int placeholder = chain.get(i);
				points.add(new double[] { center(placeholder), this.y[placeholder] });
				points.add(new double[] { center(placeholder), this.y[placeholder] + this.h[placeholder] });
			}
			points.add(new double[] { center(edge.to) + port[1], this.y[edge.to] });
			double[] first = points.get(0);
			double[] second = points.get(1);
			return new Edge(tasks.get(edge.from).name(), tasks.get(edge.to).name(), edge.transitions(), false, points,
					(first[0] + second[0]) / 2, (first[1] + second[1]) / 2);
		}

		/**
		 * Out of the bottom of the later box at its right, right below its layer to a
		 * lane beside every box of the layers between, up, left above the earlier box's
		 * layer and down into its top at the right; an edge of a task to itself goes the
		 * same way round its own box.
		 */
		Edge backEdge(List<Task> tasks, TaskLayers.Edge edge, int lane, double[] top, double[] band) {
			int from = this.layers.layer[edge.from];
			int to = this.layers.layer[edge.to];
			double bend = 0;
			for (int l = to; l <= from; l++) {
				for (int node : this.layers.layers.get(l)) {
					bend = Math.max(bend, this.x[node] + this.w[node]);
				}
			}
			bend += LANE * lane;
			double turn = 12 + 4 * (lane % 3);
			double below = top[from] + band[from] + turn;
			double above = top[to] - turn;
			double startX = this.x[edge.from] + this.w[edge.from] - 12;
			double endX = this.x[edge.to] + this.w[edge.to] - 12;
			List<double[]> points = List.of(new double[] { startX, this.y[edge.from] + this.h[edge.from] },
					new double[] { bend, below }, new double[] { bend, above }, new double[] { endX, this.y[edge.to] });
			return new Edge(tasks.get(edge.from).name(), tasks.get(edge.to).name(), edge.transitions(), true, points,
					bend, (below + above) / 2);
		}

	}

	/** A task's box: a parallel task's box holds its sub-tasks' boxes. */
	record Box(Task task, double x, double y, double width, double height) {

		Box moved(double dx, double dy) {
			return new Box(this.task, this.x + dx, this.y + dy, this.width, this.height);
		}

	}

	/**
	 * An edge: for a forward edge the points it passes through top to bottom (drawn as
	 * curves between them); for a back-edge its start, the point its bend reaches and its
	 * end.
	 */
	record Edge(String from, String to, List<Transition> transitions, boolean back, List<double[]> points,
			double labelX, double labelY) {

		Edge moved(double dx, double dy) {
			return new Edge(this.from, this.to, this.transitions, this.back,
					this.points.stream().map((point) -> new double[] { point[0] + dx, point[1] + dy }).toList(),
					this.labelX + dx, this.labelY + dy);
		}

	}

}
