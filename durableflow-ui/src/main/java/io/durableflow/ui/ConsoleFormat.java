package io.durableflow.ui;

import java.time.Duration;
import java.util.Locale;

/** Small formatting helpers for the pages. */
public final class ConsoleFormat {

	private ConsoleFormat() {
	}

	public static String duration(Duration duration) {
		long millis = Math.max(0, duration.toMillis());
		if (millis < 1000) {
			return millis + " ms";
		}
		if (millis < 60_000) {
			return String.format("%.1f s", millis / 1000.0);
		}
		if (millis < 3_600_000) {
			return (millis / 60_000) + " min " + ((millis / 1000) % 60) + " s";
		}
		if (millis < 86_400_000) {
			return (millis / 3_600_000) + " h " + ((millis / 60_000) % 60) + " min";
		}
		return (millis / 86_400_000) + " d " + ((millis / 3_600_000) % 24) + " h";
	}

	/**
	 * A period in the largest unit that states it exactly ({@code 1 min}, {@code 30 s},
	 * {@code 700 ms}).
	 */
	public static String period(Duration period) {
		long millis = period.toMillis();
		long[] units = { 86_400_000, 3_600_000, 60_000, 1000 };
		String[] names = { "d", "h", "min", "s" };
		for (int i = 0; i < units.length; i++) {
			if (millis >= units[i] && millis % units[i] == 0) {
				return (millis / units[i]) + " " + names[i];
			}
		}
		return millis + " ms";
	}

	/**
	 * A point in time after a start, as a time axis labels it: {@code 0 s},
	 * {@code 200 ms}, {@code 1.5 s}, {@code 30 s}, {@code 1 min 30 s}, {@code 2 h},
	 * {@code 1 d 6 h}; only the parts that are not zero.
	 */
	public static String offset(long millis) {
		if (millis == 0) {
			return "0 s";
		}
		if (millis < 1000) {
			return millis + " ms";
		}
		if (millis < 60_000) {
			return (millis % 1000 == 0) ? (millis / 1000) + " s"
					: String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
		}
		if (millis < 3_600_000) {
			return two(millis / 60_000, " min", (millis / 1000) % 60, " s");
		}
		if (millis < 86_400_000) {
			return two(millis / 3_600_000, " h", (millis / 60_000) % 60, " min");
		}
		return two(millis / 86_400_000, " d", (millis / 3_600_000) % 24, " h");
	}

	private static String two(long big, String bigUnit, long small, String smallUnit) {
		return big + bigUnit + ((small != 0) ? " " + small + smallUnit : "");
	}

}
