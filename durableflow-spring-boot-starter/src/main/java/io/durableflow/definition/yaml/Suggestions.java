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

	/**
	 * Edits from one to the other; swapping two neighbours is one edit ("cuont",
	 * "count").
	 */
	static int distance(String a, String b) {
		int[][] d = new int[a.length() + 1][b.length() + 1];
		for (int i = 0; i <= a.length(); i++) {
			d[i][0] = i;
		}
		for (int j = 0; j <= b.length(); j++) {
			d[0][j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			for (int j = 1; j <= b.length(); j++) {
				int cost = (a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1;
				d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1));
				if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
					d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
				}
			}
		}
		return d[a.length()][b.length()];
	}

}
