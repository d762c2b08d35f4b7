package io.durableflow.ui;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * What a path under {@code /runs/} names when the run's id may have several
 * {@code /}-separated parts (a child run's is its parent's, {@code /} and the step's
 * name), as a {@code /runs/{*path}} pattern captures it: the run, and which of its
 * endpoints. The path's last segments are matched against the endpoints' suffixes
 * ({@code tasks}, {@code artifacts/*}: {@code *} is one segment), the first that fits of
 * a run that exists taking it. A run whose whole path is its id wins over any suffix; a
 * path no suffix fits, or whose runs do not exist, names the longest of its candidates
 * (the whole path when no suffix fits), so that its 404 names that id.
 *
 * @param runId the run's id, its parts decoded
 * @param suffix the suffix that fitted, as given ({@code ""} for the run itself)
 * @param segments the segments the suffix's {@code *}s stand for, in order
 */
record RunPath(String runId, String suffix, List<String> segments) {

	/**
	 * Splits {@code path} ({@code /}-led or not) of a {@code GET}, which may name the run
	 * itself.
	 * @param isRun whether a run of that id exists
	 * @param suffixes the endpoints' suffixes, those of fewer segments first
	 */
	static RunPath of(String path, Predicate<String> isRun, String... suffixes) {
		String whole = whole(path);
		return isRun.test(whole) ? new RunPath(whole, "", List.of()) : endpoint(whole, isRun, suffixes);
	}

	/**
	 * Splits {@code path} of an action on a run, which always names an endpoint of the
	 * run: no suffix fitting gives the whole path as the id, with suffix {@code ""}.
	 * @param isRun whether a run of that id exists
	 * @param suffixes the endpoints' suffixes, those of fewer segments first
	 */
	static RunPath endpoint(String path, Predicate<String> isRun, String... suffixes) {
		String whole = whole(path);
		List<String> parts = Arrays.asList(whole.split("/", -1));
		@Nullable RunPath first = null;
		for (String suffix : suffixes) {
			RunPath candidate = fit(parts, suffix);
			if (candidate == null) {
				continue;
			}
			if (isRun.test(candidate.runId())) {
				return candidate;
			}
			first = (first != null) ? first : candidate;
		}
		return (first != null) ? first : new RunPath(whole, "", List.of());
	}

	private static String whole(String path) {
		return path.startsWith("/") ? path.substring(1) : path;
	}

	/**
	 * {@code suffix} as the tail of {@code parts}, or {@code null} if it does not fit.
	 */
	private static @Nullable RunPath fit(List<String> parts, String suffix) {
		List<String> shape = List.of(suffix.split("/"));
		int start = parts.size() - shape.size();
		if (start < 1) {
			return null;
		}
		List<String> tail = parts.subList(start, parts.size());
		for (int i = 0; i < shape.size(); i++) {
			String expected = shape.get(i);
			String actual = tail.get(i);
			if (expected.equals("*") ? actual.isEmpty() : !expected.equals(actual)) {
				return null;
			}
		}
		List<String> segments = new ArrayList<>();
		for (int i = 0; i < shape.size(); i++) {
			if (shape.get(i).equals("*")) {
				segments.add(tail.get(i));
			}
		}
		return new RunPath(String.join("/", parts.subList(0, start)), suffix, List.copyOf(segments));
	}

}
