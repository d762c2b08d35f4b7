package io.durableflow.execution;

/**
 * Unwinds a workflow that has to wait (a sleep, a retry backoff): the worker catches it
 * and parks the run. An {@link Error}, so that {@code catch (Exception e)} in workflow
 * code lets it pass; code that catches {@code Throwable} and swallows it is detected and
 * fails the run.
 */
final class ParkSignal extends Error {

	static final ParkSignal INSTANCE = new ParkSignal();

	private ParkSignal() {
		super("DurableFlow park signal: the run is parked until it is due again. Do not catch it.", null, false, false);
	}

}
