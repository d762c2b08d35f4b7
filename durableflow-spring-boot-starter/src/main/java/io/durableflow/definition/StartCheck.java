package io.durableflow.definition;

import org.jspecify.annotations.Nullable;

/**
 * What a workflow checks before a run of it is started: the input it is given becomes the
 * input that is stored, or the start is refused with an exception. A check other than
 * {@link #NONE} runs in the start's transaction, with the run's insert, so that what it
 * reads or locks holds until the run exists.
 */
@FunctionalInterface
public interface StartCheck {

	/** No check: the input is stored as given, and a start may share a commit. */
	StartCheck NONE = (input) -> input;

	/**
	 * The input to store for a start given {@code input}.
	 * @throws RuntimeException to refuse the start
	 */
	@Nullable Object prepare(@Nullable Object input);

}
