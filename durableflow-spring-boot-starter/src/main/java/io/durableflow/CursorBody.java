package io.durableflow;

/** The body of a cursor step: a loop that goes on from {@link Cursor#position()}. */
@FunctionalInterface
public interface CursorBody<C> {

	void run(Cursor<C> cursor) throws Exception;

}
