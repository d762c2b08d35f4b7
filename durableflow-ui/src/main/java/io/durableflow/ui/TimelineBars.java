package io.durableflow.ui;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.durableflow.WorkflowTimeline;

/**
 * The run picture: one horizontal bar per step, placed by its start and end on the run's
 * time axis (percent of the width), so sleeps, waits and retries show where the time
 * went.
 */
public final class TimelineBars {

	private TimelineBars() {
	}

	public static List<Bar> of(WorkflowTimeline timeline, Instant runStart, Instant runEnd) {
		Instant end = (runEnd != null) ? runEnd : Instant.now();
		long total = Math.max(1, Duration.between(runStart, end).toMillis());
		List<Bar> bars = new ArrayList<>();
		int row = 0;
		for (WorkflowTimeline.StepEntry step : timeline.steps()) {
			Instant from = (step.startedAt() != null) ? step.startedAt() : runStart;
			Instant to = (step.completedAt() != null) ? step.completedAt()
					: (step.wakeAt() != null && step.wakeAt().isBefore(end)) ? step.wakeAt() : end;
			double x = 100.0 * Math.max(0, Duration.between(runStart, from).toMillis()) / total;
			double width = Math.max(0.6, 100.0 * Math.max(0, Duration.between(from, to).toMillis()) / total);
			bars.add(new Bar(step.name(), step.kind(), step.status(), step.attempts(), round(Math.min(x, 99.4)),
					round(Math.min(width, 100 - Math.min(x, 99.4))), row++ * 22 + 4,
					ConsoleFormat.duration(Duration.between(from, to))));
		}
		return bars;
	}

	private static double round(double value) {
		return Math.round(value * 100) / 100.0;
	}

	/** One bar: where (percent), which row (px), and what it stands for. */
	public record Bar(String name, String kind, String status, int attempts, double x, double width, int y,
			String duration) {

		public boolean retried() {
			return this.attempts > 1;
		}

	}

}
