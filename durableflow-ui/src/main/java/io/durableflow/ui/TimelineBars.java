package io.durableflow.ui;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.durableflow.WorkflowTimeline;

/**
 * The run picture: one horizontal bar per step, placed by its start and end on the run's
 * time axis (percent of the width), over a band for each sleep and wait, so the time the
 * run spent parked shows at a glance; under them a time axis with ticks in time since the
 * run started and the run's total duration at its end.
 */
public final class TimelineBars {

	static final int ROW = 22;

	/**
	 * Tick spacings: the smallest that makes at most {@value #MOST_TICKS} intervals wins.
	 */
	private static final long[] STEPS = { 1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 15_000,
			30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 10_800_000, 21_600_000,
			43_200_000, 86_400_000, 172_800_000, 604_800_000, 1_209_600_000, 2_592_000_000L };

	private static final int MOST_TICKS = 6;

	/** Where a tick's label would run into the total's, at the right end. */
	private static final double LAST_TICK_AT = 88;

	private static final Set<String> PARKED = Set.of("sleep", "wait", "wait_workflow");

	private TimelineBars() {
	}

	public static Picture of(WorkflowTimeline timeline, Instant runStart, Instant runEnd) {
		Instant end = (runEnd != null) ? runEnd : Instant.now();
		long total = Math.max(1, Duration.between(runStart, end).toMillis());
		List<Bar> bars = new ArrayList<>();
		List<Gap> gaps = new ArrayList<>();
		int row = 0;
		for (WorkflowTimeline.StepEntry step : timeline.steps()) {
			Instant from = (step.startedAt() != null) ? step.startedAt() : runStart;
			Instant to = (step.completedAt() != null) ? step.completedAt()
					: (step.wakeAt() != null && step.wakeAt().isBefore(end)) ? step.wakeAt() : end;
			double x = Math.min(percent(Duration.between(runStart, from).toMillis(), total), 99.4);
			double width = Math.min(Math.max(0.6, percent(Duration.between(from, to).toMillis(), total)), 100 - x);
			String duration = ConsoleFormat.duration(Duration.between(from, to));
			bars.add(new Bar(step.name(), step.kind(), step.status(), step.attempts(), round(x), round(width),
					row++ * ROW + 4, duration));
			if (PARKED.contains(step.kind())) {
				gaps.add(new Gap(step.kind(), round(x), round(width),
						step.kind() + " " + step.name() + " · " + duration + " parked, no worker held"));
			}
		}
		return new Picture(bars, gaps, ticks(total), ConsoleFormat.duration(Duration.ofMillis(total)), row * ROW + 8);
	}

	static List<Tick> ticks(long total) {
		long step = STEPS[STEPS.length - 1];
		for (long candidate : STEPS) {
			if (total / candidate <= MOST_TICKS) {
				step = candidate;
				break;
			}
		}
		List<Tick> ticks = new ArrayList<>();
		for (long at = 0; at <= total; at += step) {
			double x = percent(at, total);
			if (at > 0 && x > LAST_TICK_AT) {
				break;
			}
			ticks.add(new Tick(round(x), ConsoleFormat.offset(at), (at == 0) ? "start" : "middle"));
		}
		return ticks;
	}

	private static double percent(long millis, long total) {
		return 100.0 * Math.max(0, millis) / total;
	}

	private static double round(double value) {
		return Math.round(value * 100) / 100.0;
	}

	/**
	 * The picture: bars (one row each), parked bands, axis ticks and the total; heights
	 * in px.
	 */
	public record Picture(List<Bar> bars, List<Gap> gaps, List<Tick> ticks, String total, int rowsHeight) {

		public boolean isEmpty() {
			return this.bars.isEmpty();
		}

		/** The whole picture's height: the rows and the axis under them. */
		public int height() {
			return this.rowsHeight + 22;
		}

		/** Where the axis labels sit. */
		public int labelY() {
			return this.rowsHeight + 16;
		}

	}

	/** One bar: where (percent), which row (px), and what it stands for. */
	public record Bar(String name, String kind, String status, int attempts, double x, double width, int y,
			String duration) {

		public boolean retried() {
			return this.attempts > 1;
		}

		/**
		 * Where the name goes: after the bar's start, or before its end when the bar
		 * starts in the right half, so that the name stays inside the picture.
		 */
		public double labelX() {
			return (this.x > 50) ? round(this.x + this.width - 0.5) : round(this.x + 0.5);
		}

		public String labelAnchor() {
			return (this.x > 50) ? "end" : "start";
		}

	}

	/** The time a sleep or a wait kept the run parked: a band over every row. */
	public record Gap(String kind, double x, double width, String title) {
	}

	/** A tick of the time axis: where (percent), its label, how the label is anchored. */
	public record Tick(double x, String label, String anchor) {
	}

}
