package io.durableflow;

import java.util.Optional;

/**
 * The read side of step graphs ({@link GraphWorkflow}): a run's steps, the dependencies
 * between them and each step's status, told from what the run recorded so far.
 */
public interface StepGraphs {

	/**
	 * The graph of the run: its declared steps and those emitted so far that the graph
	 * took, each with its status (an emission the graph refused, which fails its emitter,
	 * adds no step: none of it will run; nor does an attempt an operator's retry
	 * replaced) ({@code pending}, {@code running}, {@code succeeded}, {@code failed},
	 * {@code timed_out}, {@code skipped}: stopped by a dependency that failed,
	 * {@code cancelled}: running when the run ended).
	 * @return empty for a run that is not of a step graph, or whose graph is not built
	 * yet
	 * @throws RunNotFoundException if there is no run with that id
	 */
	Optional<StepGraphView> graph(String runId);

}
