package io.durableflow.definition.yaml;

import java.util.Collection;

import org.jspecify.annotations.Nullable;

/** The known name a misspelt one most likely meant, for "did you mean" hints. */
final class Suggestions {

	private Suggestions() {
	}

	static @Nullable String closest(String name, Collection<String> known) {
		String normalized = name.toLowerCase().replace('-', '_');
		String best = null;
		int bestDistance = Integer.MAX_VALUE;
		for (String candidate : known) {
			int distance = distance(normalized, candidate.toLowerCase());
			if (distance < bestDistance) {
				best = candidate;
				bestDistance = distance;
			}
		}
		int allowed = Math.max(1, Math.min(3, name.length() / 3));
		return (bestDistance <= allowed) ? best : null;
	}

	private static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

}
