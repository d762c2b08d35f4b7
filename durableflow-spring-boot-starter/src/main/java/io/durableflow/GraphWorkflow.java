package io.durableflow;

/**
 * A workflow given as a graph of action steps (a step graph): {@link #build} declares the
 * steps and what each depends on; the engine runs every step once all it depends on
 * completed, independent steps at the same time (on any instance), as the task-graph
 * executor runs a YAML definition's tasks. A bean annotated {@link DurableWorkflow} that
 * implements this interface is a workflow like any other, under the annotation's name.
 * Steps that run add steps to the running graph with
 * {@link io.durableflow.action.ActionContext#emit}.
 * <p>
 * {@code build} runs once per run, its graph is recorded as the run's first step, and a
 * replay reads it from there: like code outside steps, it must not have side effects.
 *
 * @param <I> the input type, stored as JSON
 */
@FunctionalInterface
public interface GraphWorkflow<I> {

	/** Declares the run's initial steps on {@code graph}. */
	void build(GraphBuilder graph, I input) throws Exception;

}
