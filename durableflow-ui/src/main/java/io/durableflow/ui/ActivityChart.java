package io.durableflow.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * The runs list's chart of runs started, finished and failed per minute, drawn on the
 * server as inline SVG: started runs as bars, finished and failed runs as lines. Every
 * number is laid out here (in the units of the SVG's view box); the template only places
 * them, and escapes every text.
 */
public final class ActivityChart {

	static final int WIDTH = 720;

	static final int HEIGHT = 150;

	private static final double LEFT = 40;

	private static final double RIGHT = WIDTH - 8;

	private static final double TOP = 10;

	private static final double BOTTOM = HEIGHT - 28;

	private final int[] started;

	private final int[] finished;

	private final int[] failed;

	private final int scale;

	ActivityChart(int[] started, int[] finished, int[] failed) {
		this.started = started.clone();
		this.finished = finished.clone();
		this.failed = failed.clone();
		int most = IntStream.concat(IntStream.of(started), IntStream.of(finished)).max().orElse(0);
		this.scale = niceCeiling(Math.max(1, most));
	}

	public int width() {
		return WIDTH;
	}

	public int height() {
		return HEIGHT;
	}

	public int minutesShown() {
		return this.started.length;
	}

	public int startedTotal() {
		return IntStream.of(this.started).sum();
	}

	public int finishedTotal() {
		return IntStream.of(this.finished).sum();
	}

	public int failedTotal() {
		return IntStream.of(this.failed).sum();
	}

	/** What the chart shows, in words: for screen readers and for a look without it. */
	public String description() {
		if (startedTotal() == 0 && finishedTotal() == 0) {
			return "No run started or finished in the last " + minutesShown() + " minutes.";
		}
		int busiest = IntStream.of(this.started).max().orElse(0);
		return "In the last " + minutesShown() + " minutes: " + startedTotal()
				+ ((startedTotal() == 1) ? " run" : " runs") + " started (at most " + busiest + " in one minute), "
				+ finishedTotal() + " finished, " + failedTotal() + " failed.";
	}

	/** One column per minute, oldest first: the bar of runs started and a hover text. */
	public List<Minute> minutes() {
		List<Minute> minutes = new ArrayList<>();
		double width = slot();
		for (int i = 0; i < this.started.length; i++) {
			double height = (BOTTOM - TOP) * this.started[i] / this.scale;
			minutes.add(new Minute(number(LEFT + i * width), number(width), number(BOTTOM - height), number(height),
					when(i) + ": " + this.started[i] + " started, " + this.finished[i] + " finished, " + this.failed[i]
							+ " failed"));
		}
		return minutes;
	}

	public String finishedPoints() {
		return points(this.finished);
	}

	public String failedPoints() {
		return points(this.failed);
	}

	/** The y axis: zero, half way and the top of the scale. */
	public List<Tick> yTicks() {
		List<Tick> ticks = new ArrayList<>();
		ticks.add(new Tick(number(BOTTOM), "0"));
		if (this.scale % 2 == 0) {
			ticks.add(new Tick(number((TOP + BOTTOM) / 2), String.valueOf(this.scale / 2)));
		}
		ticks.add(new Tick(number(TOP), String.valueOf(this.scale)));
		return ticks;
	}

	/** The x axis: every quarter of the window, in minutes ago. */
	public List<Tick> xTicks() {
		List<Tick> ticks = new ArrayList<>();
		int minutes = this.started.length;
		for (int quarter = 0; quarter <= 4; quarter++) {
			int ago = minutes - quarter * minutes / 4;
			ticks.add(new Tick(number(LEFT + (minutes - ago) * slot()), (ago == 0) ? "now" : ago + " min ago"));
		}
		return ticks;
	}

	public String left() {
		return number(LEFT);
	}

	public String right() {
		return number(RIGHT);
	}

	public String bottom() {
		return number(BOTTOM);
	}

	public String labelY() {
		return number(BOTTOM + 18);
	}

	private String points(int[] counts) {
		StringBuilder points = new StringBuilder();
		for (int i = 0; i < counts.length; i++) {
			double x = LEFT + (i + 0.5) * slot();
			double y = BOTTOM - (BOTTOM - TOP) * counts[i] / this.scale;
			points.append((i > 0) ? " " : "").append(number(x)).append(',').append(number(y));
		}
		return points.toString();
	}

	private String when(int minute) {
		int ago = this.started.length - minute;
		return (ago == 1) ? "the last minute" : ago + " to " + (ago - 1) + " min ago";
	}

	private double slot() {
		return (RIGHT - LEFT) / this.started.length;
	}

	/** 1, 2, 5, 10, 20, 50, ...: the smallest at or above {@code value}. */
	static int niceCeiling(int value) {
		int step = 1;
		while (true) {
			for (int factor : new int[] { 1, 2, 5 }) {
				if ((long) step * factor >= value) {
					return step * factor;
				}
			}
			step *= 10;
		}
	}

	/** A coordinate as SVG reads it: a dot for decimals whatever the server's locale. */
	private static String number(double value) {
		return String.format(Locale.ROOT, "%.1f", value);
	}

	/** A minute's column: where its bar is and what hovering it says. */
	public record Minute(String x, String width, String barY, String barHeight, String title) {
	}

	/** A tick of an axis: where, and its label. */
	public record Tick(String at, String label) {
	}

}
