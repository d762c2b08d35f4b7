package io.durableflow;

/**
 * A durable workflow. {@link #run} is replayed from the top on every resume: side effects
 * belong inside {@link WorkflowContext#step steps}, code outside steps must be
 * deterministic and cheap.
 *
 * @param <I> the input type, stored as JSON
 * @param <O> the output type, stored as JSON
 */
@FunctionalInterface
public interface Workflow<I, O> {

	O run(WorkflowContext flow, I input) throws Exception;

}
