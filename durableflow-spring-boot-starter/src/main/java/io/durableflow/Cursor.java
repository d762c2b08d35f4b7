package io.durableflow;

/**
 * The position of a cursor step ({@link WorkflowContext#iterate}): where the loop is,
 * durably.
 *
 * @param <C> the position's type (a number, an id, a small record: anything JSON can
 * hold)
 */
public interface Cursor<C> {

	/** Where the loop goes on from: the start, or the last position advanced to. */
	C position();

	/**
	 * Records {@code next} as the position, durably (one fenced commit, shared with other
	 * runs' writes under load), before this returns. A retry, a crash or a takeover
	 * resumes the loop from here, so the work done before this call is not done again.
	 * Throws if this worker no longer holds the run (its lease was taken over): the loop
	 * must stop.
	 */
	void advance(C next);

}
