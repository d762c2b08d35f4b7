package io.durableflow.ui;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Text and numbers as the console's SVG pictures write them: escaped for XML, cut to a
 * length, coordinates with a dot for decimals whatever the server's locale.
 */
final class SvgText {

	private SvgText() {
	}

	/** Text and attribute values as XML reads them; characters XML forbids replaced. */
	static String escape(String text) {
		StringBuilder escaped = new StringBuilder(text.length() + 16);
		text.codePoints().forEach((c) -> {
			switch (c) {
				case '&' -> escaped.append("&amp;");
				case '<' -> escaped.append("&lt;");
				case '>' -> escaped.append("&gt;");
				case '"' -> escaped.append("&quot;");
				case '\'' -> escaped.append("&#39;");
				default -> {
					boolean allowed = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c < 0xD800)
							|| (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000;
					escaped.appendCodePoint(allowed ? c : 0xFFFD);
				}
			}
		});
		return escaped.toString();
	}

	/** At most {@code max} characters, the last an ellipsis when it was longer. */
	static String shorten(String text, int max) {
		String line = oneLine(text);
		if (line.codePointCount(0, line.length()) <= max) {
			return line;
		}
		return line.substring(0, line.offsetByCodePoints(0, max - 1)) + "\u2026";
	}

	static String oneLine(@Nullable String text) {
		return (text != null) ? text.strip().replaceAll("\\s+", " ") : "";
	}

	static String point(double[] point) {
		return point(point[0], point[1]);
	}

	static String point(double x, double y) {
		return number(x) + "," + number(y);
	}

	static String number(double value) {
		long whole = Math.round(value);
		return (Math.abs(value - whole) < 0.05) ? Long.toString(whole) : String.format(Locale.ROOT, "%.1f", value);
	}

}
