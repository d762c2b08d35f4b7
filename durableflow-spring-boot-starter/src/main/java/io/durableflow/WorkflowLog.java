package io.durableflow;

import java.util.Map;

/**
 * A run's own log, stored with the run and the step being executed. A line written
 * outside any step is stored once, however often the workflow is replayed.
 */
public interface WorkflowLog {

	void debug(String message, Map<String, ?> data);

	void info(String message, Map<String, ?> data);

	void warn(String message, Map<String, ?> data);

	void error(String message, Map<String, ?> data);

	default void debug(String message) {
		debug(message, Map.of());
	}

	default void info(String message) {
		info(message, Map.of());
	}

	default void warn(String message) {
		warn(message, Map.of());
	}

	default void error(String message) {
		error(message, Map.of());
	}

}
