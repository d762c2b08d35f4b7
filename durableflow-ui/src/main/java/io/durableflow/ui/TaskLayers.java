package io.durableflow.ui;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.durableflow.ui.TaskGraph.Task;
import io.durableflow.ui.TaskGraph.Transition;

/**
 * The layers of one group of tasks (the top level, or one parallel task's sub-tasks) and
 * the order within each: entry tasks (those no transition of the group targets) on the
 * first layer, every other task one below the lowest task with a transition to it
 * (longest path), back-edges (those that close a cycle) left out of the layering; an edge
 * that spans several layers passes through a placeholder on each layer in between, so it
 * keeps a lane of its own; then barycenter sweeps order each layer after its neighbours,
 * keeping the order with the fewest crossings. Everything is decided by source order, so
 * the same definition always gets the same picture.
 */
final class TaskLayers {

	/** At most this many placeholders in a group; longer edges beyond it cut across. */
	static final int MAX_PLACEHOLDERS = 4000;

	private static final int SWEEPS = 4;

	/** The group's tasks, then the placeholders: a node is an index into this. */
	final int taskCount;

	/** Each node's layer, from 0. */
	final int[] layer;

	/** The nodes of each layer, left to right. */
	final List<List<Integer>> layers = new ArrayList<>();

	/** The edges, one per pair of tasks, in source order. */
	final List<Edge> edges;

	/** Each node's neighbours one layer up, over every segment of every forward edge. */
	final List<List<Integer>> above;

	/** Each node's neighbours one layer down. */
	final List<List<Integer>> below;

	TaskLayers(List<Task> tasks) {
		this.taskCount = tasks.size();
		this.edges = edges(tasks);
		markBackEdges(this.taskCount, this.edges);
		int[] taskLayers = longestPath(this.taskCount, this.edges);
		List<Integer> nodeLayers = new ArrayList<>();
		for (int layer : taskLayers) {
			nodeLayers.add(layer);
		}
		for (Edge edge : this.edges) {
			edge.chain.add(edge.from);
			int span = edge.back ? 0 : taskLayers[edge.to] - taskLayers[edge.from];
			if (span > 1 && nodeLayers.size() - this.taskCount + span - 1 <= MAX_PLACEHOLDERS) {
				for (int l = taskLayers[edge.from] + 1; l < taskLayers[edge.to]; l++) {
					edge.chain.add(nodeLayers.size());
					nodeLayers.add(l);
				}
			}
			edge.chain.add(edge.to);
		}
		this.layer = nodeLayers.stream().mapToInt(Integer::intValue).toArray();
		for (int node = 0; node < this.layer.length; node++) {
			while (this.layers.size() <= this.layer[node]) {
				this.layers.add(new ArrayList<>());
			}
			this.layers.get(this.layer[node]).add(node);
		}
		this.above = neighbours(true);
		this.below = neighbours(false);
		order();
	}

	boolean isPlaceholder(int node) {
		return node >= this.taskCount;
	}

	/** Each pair of tasks once, with every transition between them, in source order. */
	private static List<Edge> edges(List<Task> tasks) {
		Map<String, Integer> index = new LinkedHashMap<>();
		for (int i = 0; i < tasks.size(); i++) {
			index.putIfAbsent(tasks.get(i).name(), i);
		}
		Map<Long, Edge> edges = new LinkedHashMap<>();
		for (int from = 0; from < tasks.size(); from++) {
			for (Transition transition : tasks.get(from).next()) {
				for (String target : transition.targets()) {
					Integer to = index.get(target);
					if (to != null) {
						int source = from;
						edges.computeIfAbsent((long) from << 32 | to, (key) -> new Edge(source, to))
							.transitions()
							.add(transition);
					}
				}
			}
		}
		return new ArrayList<>(edges.values());
	}

	/**
	 * Depth first from the entry tasks, then from any task not reached yet (in a cycle
	 * with no way in): an edge to a task on the current path closes a cycle.
	 */
	private static void markBackEdges(int count, List<Edge> edges) {
		List<List<Edge>> out = outgoing(count, edges);
		boolean[] targeted = new boolean[count];
		edges.forEach((edge) -> targeted[edge.to] = true);
		List<Integer> roots = new ArrayList<>();
		for (int node = 0; node < count; node++) {
			if (!targeted[node]) {
				roots.add(node);
			}
		}
		for (int node = 0; node < count; node++) {
			roots.add(node);
		}
		int[] state = new int[count];
		int[] next = new int[count];
		Deque<Integer> path = new ArrayDeque<>();
		for (int root : roots) {
			if (state[root] != 0) {
				continue;
			}
			state[root] = 1;
			path.push(root);
			while (!path.isEmpty()) {
				int node = path.peek();
				if (next[node] < out.get(node).size()) {
					Edge edge = out.get(node).get(next[node]++);
					if (state[edge.to] == 1) {
						edge.back = true;
					}
					else if (state[edge.to] == 0) {
						state[edge.to] = 1;
						path.push(edge.to);
					}
				}
				else {
					state[node] = 2;
					path.pop();
				}
			}
		}
	}

	/** Each task one layer below the lowest task with a (forward) edge to it. */
	private static int[] longestPath(int count, List<Edge> edges) {
		List<List<Edge>> out = outgoing(count, edges);
		int[] inbound = new int[count];
		edges.stream().filter((edge) -> !edge.back).forEach((edge) -> inbound[edge.to]++);
		int[] layer = new int[count];
		Deque<Integer> ready = new ArrayDeque<>();
		for (int node = 0; node < count; node++) {
			if (inbound[node] == 0) {
				ready.add(node);
			}
		}
		while (!ready.isEmpty()) {
			int node = ready.poll();
			for (Edge edge : out.get(node)) {
				if (!edge.back) {
					layer[edge.to] = Math.max(layer[edge.to], layer[node] + 1);
					if (--inbound[edge.to] == 0) {
						ready.add(edge.to);
					}
				}
			}
		}
		return layer;
	}

	private static List<List<Edge>> outgoing(int count, List<Edge> edges) {
		List<List<Edge>> out = new ArrayList<>();
		for (int node = 0; node < count; node++) {
			out.add(new ArrayList<>());
		}
		edges.forEach((edge) -> out.get(edge.from).add(edge));
		return out;
	}

	/** Barycenter sweeps down and up; the order with the fewest crossings stays. */
	private void order() {
		List<List<Integer>> above = this.above;
		List<List<Integer>> below = this.below;
		int[] position = new int[this.layer.length];
		double[] center = new double[this.layer.length];
		number(position);
		List<List<Integer>> best = copy(this.layers);
		long fewest = crossings(position, below);
		for (int sweep = 0; sweep < SWEEPS && fewest > 0; sweep++) {
			for (int l = 1; l < this.layers.size(); l++) {
				sort(this.layers.get(l), above, position, center);
			}
			for (int l = this.layers.size() - 2; l >= 0; l--) {
				sort(this.layers.get(l), below, position, center);
			}
			long crossings = crossings(position, below);
			if (crossings < fewest) {
				fewest = crossings;
				best = copy(this.layers);
			}
		}
		this.layers.clear();
		this.layers.addAll(best);
	}

	private List<List<Integer>> neighbours(boolean up) {
		List<List<Integer>> neighbours = new ArrayList<>();
		for (int node = 0; node < this.layer.length; node++) {
			neighbours.add(new ArrayList<>());
		}
		for (Edge edge : this.edges) {
			if (edge.back) {
				continue;
			}
			for (int i = 1; i < edge.chain.size(); i++) {
				int upper = edge.chain.get(i - 1);
				int lower = edge.chain.get(i);
				neighbours.get(up ? lower : upper).add(up ? upper : lower);
			}
		}
		return neighbours;
	}

	private static void sort(List<Integer> nodes, List<List<Integer>> neighbours, int[] position, double[] center) {
		for (int node : nodes) {
			List<Integer> adjacent = neighbours.get(node);
			center[node] = adjacent.isEmpty() ? position[node]
					: adjacent.stream().mapToInt((other) -> position[other]).average().orElse(0);
		}
		nodes.sort(Comparator.comparingDouble((Integer node) -> center[node]));
		for (int i = 0; i < nodes.size(); i++) {
			position[nodes.get(i)] = i;
		}
	}

	private void number(int[] position) {
		for (List<Integer> nodes : this.layers) {
			for (int i = 0; i < nodes.size(); i++) {
				position[nodes.get(i)] = i;
			}
		}
	}

	/** Pairs of segments between neighbouring layers that cross. */
	private long crossings(int[] position, List<List<Integer>> below) {
		long crossings = 0;
		for (List<Integer> nodes : this.layers) {
			List<int[]> segments = new ArrayList<>();
			for (int node : nodes) {
				for (int lower : below.get(node)) {
					if (this.layer[lower] == this.layer[node] + 1) {
						segments.add(new int[] { position[node], position[lower] });
					}
				}
			}
			for (int i = 0; i < segments.size(); i++) {
				for (int j = i + 1; j < segments.size(); j++) {
					int[] a = segments.get(i);
					int[] b = segments.get(j);
					if ((long) (a[0] - b[0]) * (a[1] - b[1]) < 0) {
						crossings++;
					}
				}
			}
		}
		return crossings;
	}

	private static List<List<Integer>> copy(List<List<Integer>> layers) {
		List<List<Integer>> copy = new ArrayList<>();
		layers.forEach((nodes) -> copy.add(new ArrayList<>(nodes)));
		return copy;
	}

	/** The tasks of each layer, left to right, placeholders left out. */
	List<List<Integer>> tasksByLayer() {
		List<List<Integer>> tasks = new ArrayList<>();
		for (List<Integer> nodes : this.layers) {
			tasks.add(nodes.stream().filter((node) -> !isPlaceholder(node)).toList());
		}
		return tasks;
	}

	/**
	 * An edge between two tasks of the group.
	 *
	 * @param from the task it leaves
	 * @param to the task it enters
	 * @param transitions the transitions it stands for, in source order
	 * @param chain from, the placeholders it passes through, to
	 */
	static final class Edge {

		final int from;

		final int to;

		private final List<Transition> transitions = new ArrayList<>();

		final List<Integer> chain = new ArrayList<>();

		/** Whether it closes a cycle: drawn, but not used for layering. */
		boolean back;

		Edge(int from, int to) {
			this.from = from;
			this.to = to;
		}

		List<Transition> transitions() {
			return this.transitions;
		}

	}

}
