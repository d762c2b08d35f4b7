package io.durableflow.ui;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Where each node of a group goes across: in its layer's order, at least a gap from its
 * neighbours, and as near as that allows to the middle of the nodes it is connected to in
 * the layer above (sweeping down) or below (sweeping up), so that edges run as straight
 * as they can. Each sweep places a layer twice, pushing right and pushing left, and takes
 * the mean of both, which keeps the gaps and does not drift to one side.
 */
final class LayerPlacement {

	private static final int ROUNDS = 3;

	/** A long edge's placeholders go first: a long edge stays straight. */
	private static final int PLACEHOLDER_PRIORITY = 1_000_000;

	/** Then a task's first successor, under it: the main line runs straight down. */
	private static final int MAIN_LINE_PRIORITY = 100_000;

	private final TaskLayers layers;

	private final double[] w;

	private final double gap;

	private final double[] x;

	/**
	 * Each node's first successor one layer down (the next node of its first forward
	 * edge); -1 for none.
	 */
	private final int[] primary;

	private LayerPlacement(TaskLayers layers, double[] w, double gap) {
		this.layers = layers;
		this.w = w;
		this.gap = gap;
		this.x = new double[w.length];
		this.primary = new int[w.length];
		Arrays.fill(this.primary, -1);
		for (TaskLayers.Edge edge : layers.edges) {
			for (int i = 0; !edge.back && i + 1 < edge.chain.size(); i++) {
				int node = edge.chain.get(i);
				int next = edge.chain.get(i + 1);
				if (this.primary[node] < 0 && layers.layer[next] == layers.layer[node] + 1) {
					this.primary[node] = next;
				}
			}
		}
	}

	/** Each node's left edge, the leftmost at 0. */
	static double[] place(TaskLayers layers, double[] widths, double gap) {
		LayerPlacement placement = new LayerPlacement(layers, widths, gap);
		placement.pack();
		for (int round = 0; round < ROUNDS; round++) {
			for (int l = 1; l < layers.layers.size(); l++) {
				placement.align(layers.layers.get(l), layers.above, false);
			}
			for (int l = layers.layers.size() - 2; l >= 0; l--) {
				placement.align(layers.layers.get(l), layers.below, true);
			}
		}
		double left = Double.MAX_VALUE;
		for (double value : placement.x) {
			left = Math.min(left, value);
		}
		for (int node = 0; node < placement.x.length; node++) {
			placement.x[node] -= left;
		}
		return placement.x;
	}

	/** Every layer packed from the left and centered on the widest. */
	private void pack() {
		double widest = 0;
		double[] widths = new double[this.layers.layers.size()];
		for (int l = 0; l < widths.length; l++) {
			List<Integer> nodes = this.layers.layers.get(l);
			double cursor = 0;
			for (int i = 0; i < nodes.size(); i++) {
				this.x[nodes.get(i)] = cursor;
				cursor += this.w[nodes.get(i)] + ((i + 1 < nodes.size()) ? gap(nodes.get(i), nodes.get(i + 1)) : 0);
			}
			widths[l] = cursor;
			widest = Math.max(widest, cursor);
		}
		for (int l = 0; l < widths.length; l++) {
			for (int node : this.layers.layers.get(l)) {
				this.x[node] += (widest - widths[l]) / 2;
			}
		}
	}

	/**
	 * Moves each node of a layer towards the middle of its neighbours in the layer just
	 * placed ({@code up}: the layer below), the nodes with the highest priority first,
	 * each as near as the nodes already placed let it.
	 */
	private void align(List<Integer> nodes, List<List<Integer>> neighbours, boolean up) {
		int count = nodes.size();
		double[] wanted = new double[count];
		int[] priority = new int[count];
		for (int i = 0; i < count; i++) {
			int node = nodes.get(i);
			List<Integer> adjacent = neighbours.get(node);
			wanted[i] = adjacent.isEmpty() ? this.x[node]
					: adjacent.stream().mapToDouble(this::center).average().orElse(0) - this.w[node] / 2;
			priority[i] = adjacent.size();
			if (this.layers.isPlaceholder(node)) {
				priority[i] = PLACEHOLDER_PRIORITY;
			}
			else if (up && this.primary[node] >= 0 && this.layers.above.get(this.primary[node]).size() == 1) {
				wanted[i] = center(this.primary[node]) - this.w[node] / 2;
				priority[i] += MAIN_LINE_PRIORITY;
			}
			else if (!up && adjacent.size() == 1 && this.primary[adjacent.get(0)] == node) {
				priority[i] += MAIN_LINE_PRIORITY;
			}
		}
		Integer[] order = new Integer[count];
		for (int i = 0; i < count; i++) {
			order[i] = i;
		}
		Arrays.sort(order, Comparator.comparingInt((Integer i) -> -priority[i]).thenComparingInt((i) -> i));
		boolean[] placed = new boolean[count];
		double[] at = new double[count];
		for (int i : order) {
			double lowest = -Double.MAX_VALUE;
			double room = 0;
			for (int j = i - 1; j >= 0; j--) {
				room += this.w[nodes.get(j)] + gap(nodes.get(j), nodes.get(j + 1));
				if (placed[j]) {
					lowest = at[j] + room;
					break;
				}
			}
			double highest = Double.MAX_VALUE;
			room = 0;
			for (int j = i + 1; j < count; j++) {
				room += this.w[nodes.get(j - 1)] + gap(nodes.get(j - 1), nodes.get(j));
				if (placed[j]) {
					highest = at[j] - room;
					break;
				}
			}
			at[i] = Math.max(lowest, Math.min(highest, wanted[i]));
			placed[i] = true;
		}
		for (int i = 0; i < count; i++) {
			this.x[nodes.get(i)] = at[i];
		}
	}

	private double center(int node) {
		return this.x[node] + this.w[node] / 2;
	}

	/** A full gap between two tasks, half of it next to a placeholder. */
	private double gap(int left, int right) {
		return (this.layers.isPlaceholder(left) || this.layers.isPlaceholder(right)) ? this.gap / 2 : this.gap;
	}

}
