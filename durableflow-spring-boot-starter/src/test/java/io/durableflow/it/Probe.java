package io.durableflow.it;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts step-body executions in this JVM and catches a body running twice at once. */
public final class Probe {

	private static final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

	private static final Set<String> running = ConcurrentHashMap.newKeySet();

	private static final Set<String> overlaps = ConcurrentHashMap.newKeySet();

	private Probe() {
	}

	public static int hit(String runId, String step) {
		return counts.computeIfAbsent(runId + "/" + step, (k) -> new AtomicInteger()).incrementAndGet();
	}

	public static int count(String runId, String step) {
		AtomicInteger count = counts.get(runId + "/" + step);
		return (count != null) ? count.get() : 0;
	}

	/** Runs {@code body} marking (run, step) as in progress, noting any overlap. */
	public static void exclusive(String runId, String step, Runnable body) {
		String key = runId + "/" + step;
		if (!running.add(key)) {
			overlaps.add(key);
		}
		try {
			body.run();
		}
		finally {
			running.remove(key);
		}
	}

	public static Set<String> overlaps() {
		return overlaps;
	}

}
