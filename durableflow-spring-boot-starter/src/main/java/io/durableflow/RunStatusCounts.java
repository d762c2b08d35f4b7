package io.durableflow;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * How many runs there are in each status, over all runs. Every status is present, those
 * with no runs at 0, in {@link RunStatus} order.
 *
 * @param byStatus the number of runs in each status
 */
public record RunStatusCounts(Map<RunStatus, Long> byStatus) {

	public RunStatusCounts {
		Map<RunStatus, Long> all = new EnumMap<>(RunStatus.class);
		for (RunStatus status : RunStatus.values()) {
			Long count = byStatus.get(status);
			all.put(status, (count != null) ? count : 0L);
		}
		byStatus = Collections.unmodifiableMap(all);
	}

	/** The number of runs in this status. */
	public long count(RunStatus status) {
		return this.byStatus.get(status);
	}

	/** The number of runs in any status. */
	public long total() {
		return this.byStatus.values().stream().mapToLong(Long::longValue).sum();
	}

}
