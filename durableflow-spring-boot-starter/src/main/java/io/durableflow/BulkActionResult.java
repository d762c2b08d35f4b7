package io.durableflow;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an operator action on several runs did: the runs it changed, and the runs it left
 * as they were, each with why.
 *
 * @param done the runs changed, in the order they were handled
 * @param skipped the runs left as they were, with why, in the order they were handled
 */
public record BulkActionResult(List<String> done, Map<String, Skip> skipped) {

	public BulkActionResult {
		done = List.copyOf(done);
		skipped = Collections.unmodifiableMap(new LinkedHashMap<>(skipped));
	}

	/** The runs skipped for this reason, in the order they were handled. */
	public List<String> skipped(Skip reason) {
		return this.skipped.entrySet()
			.stream()
			.filter((entry) -> entry.getValue() == reason)
			.map(Map.Entry::getKey)
			.toList();
	}

	/** Why a run was left as it was. */
	public enum Skip {

		/** No run has that id. */
		NOT_FOUND,

		/** The run has already finished: there is nothing to cancel. */
		FINISHED,

		/** The run has not failed: there is nothing to retry. */
		NOT_FAILED,

		/**
		 * The run failed outside any step (its error names no failed step), so no step
		 * can be retried.
		 */
		NO_FAILED_STEP

	}

}
