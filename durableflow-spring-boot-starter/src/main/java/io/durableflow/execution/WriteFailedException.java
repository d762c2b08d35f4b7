package io.durableflow.execution;

/**
 * The database refused an execution's write (a lost connection, a deadlock tried three
 * times, a full disk): the execution stops, the run is offered again, and a replay
 * carries on from what was recorded. An {@link Error}, like {@link LeaseLostException},
 * so that {@code catch (Exception e)} in workflow code cannot take it for the run's own
 * failure.
 */
final class WriteFailedException extends Error {

	WriteFailedException(String runId, Throwable cause) {
		super("DurableFlow could not record run " + runId + " (" + cause.getMessage() + ")", cause, false, false);
	}

}
