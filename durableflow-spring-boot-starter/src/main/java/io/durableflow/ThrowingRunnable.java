package io.durableflow;

/** A step body without a result. */
@FunctionalInterface
public interface ThrowingRunnable {

	void run() throws Exception;

}
