package io.durableflow.action;

import org.jspecify.annotations.Nullable;

/**
 * A unit of work: given its input, it returns its output. Input and output types are read
 * from the class's type arguments and go through the application's JSON mapper, so any
 * caller (a code workflow, a YAML task) may hand it JSON-shaped values. Throw a
 * {@link io.durableflow.StepFailedException} or an exception carrying a
 * {@link io.durableflow.StepError} code as from a step; the caller's retry policy
 * applies.
 *
 * @param <I> the input type
 * @param <O> the output type
 */
@FunctionalInterface
public interface Action<I, O> {

	@Nullable O execute(ActionContext context, @Nullable I input) throws Exception;

}
