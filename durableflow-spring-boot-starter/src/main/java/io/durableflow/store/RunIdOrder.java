package io.durableflow.store;

import java.util.Comparator;

/**
 * The order of run ids in the database: code point by code point, the order of their
 * UTF-8 bytes ({@code COLLATE "C"} since V5). Statements that lock several runs lock them
 * in this order (invariant 4), and so do callers that lock runs one after the other.
 */
public final class RunIdOrder {

	/** Run ids in the database's order. */
	public static final Comparator<String> BY_CODE_POINTS = RunIdOrder::compare;

	private RunIdOrder() {
	}

	private static int compare(String a, String b) {
		int i = 0;
		int j = 0;
		while (i < a.length() && j < b.length()) {
			int x = a.codePointAt(i);
			int y = b.codePointAt(j);
			if (x != y) {
				return Integer.compare(x, y);
			}
			i += Character.charCount(x);
			j += Character.charCount(y);
		}
		return Integer.compare(a.length() - i, b.length() - j);
	}

}
