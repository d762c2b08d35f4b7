package io.durableflow.ui;

import java.time.Instant;
import java.util.List;

import io.durableflow.WorkflowTimeline;
import io.durableflow.WorkflowTimeline.StepEntry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The run picture's time axis and the bands of time a run spent parked. */
class TimelineBarsTests {

	private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

	@Test
	void ticksAreRoundTimesSinceTheStartAtMostSixIntervalsAndNoneCrowdingTheTotal() {
		assertThat(TimelineBars.ticks(2_300)).extracting(TimelineBars.Tick::label)
			.containsExactly("0 s", "500 ms", "1 s", "1.5 s", "2 s");
		assertThat(TimelineBars.ticks(130 * 60_000)).extracting(TimelineBars.Tick::label)
			.containsExactly("0 s", "30 min", "1 h", "1 h 30 min");
		assertThat(TimelineBars.ticks(45)).extracting(TimelineBars.Tick::label)
			.containsExactly("0 s", "10 ms", "20 ms", "30 ms");
		assertThat(TimelineBars.ticks(3 * 86_400_000L)).extracting(TimelineBars.Tick::label)
			.containsExactly("0 s", "12 h", "1 d", "1 d 12 h", "2 d", "2 d 12 h");
		List<TimelineBars.Tick> ticks = TimelineBars.ticks(10_000);
		assertThat(ticks).extracting(TimelineBars.Tick::x).containsExactly(0.0, 20.0, 40.0, 60.0, 80.0);
		assertThat(ticks.get(0).anchor()).isEqualTo("start");
		assertThat(ticks.get(1).anchor()).isEqualTo("middle");
	}

	@Test
	void offsetsReadAsTimeSinceTheStart() {
		assertThat(ConsoleFormat.offset(0)).isEqualTo("0 s");
		assertThat(ConsoleFormat.offset(200)).isEqualTo("200 ms");
		assertThat(ConsoleFormat.offset(1_500)).isEqualTo("1.5 s");
		assertThat(ConsoleFormat.offset(45_000)).isEqualTo("45 s");
		assertThat(ConsoleFormat.offset(90_000)).isEqualTo("1 min 30 s");
		assertThat(ConsoleFormat.offset(120_000)).isEqualTo("2 min");
		assertThat(ConsoleFormat.offset(7_200_000)).isEqualTo("2 h");
		assertThat(ConsoleFormat.offset(108_000_000)).isEqualTo("1 d 6 h");
	}

	@Test
	void sleepsAndWaitsAreBandsOverEveryRowWhereTheyKeptTheRunParked() {
		WorkflowTimeline timeline = new WorkflowTimeline("r",
				List.of(step("load", "step", 0, 1_000), step("cool_down", "sleep", 1_000, 7_000),
						step("approval", "wait", 7_000, 9_000), step("publish", "step", 9_000, 10_000)),
				List.of(), List.of());

		TimelineBars.Picture picture = TimelineBars.of(timeline, START, START.plusSeconds(10));

		assertThat(picture.total()).isEqualTo("10.0 s");
		assertThat(picture.bars()).extracting(TimelineBars.Bar::x).containsExactly(0.0, 10.0, 70.0, 90.0);
		assertThat(picture.gaps()).extracting(TimelineBars.Gap::kind).containsExactly("sleep", "wait");
		assertThat(picture.gaps().get(0).x()).isEqualTo(10.0);
		assertThat(picture.gaps().get(0).width()).isEqualTo(60.0);
		assertThat(picture.gaps().get(0).title()).isEqualTo("sleep cool_down · 6.0 s parked, no worker held");
		assertThat(picture.bars().get(0).labelAnchor()).isEqualTo("start");
		// a bar in the right half has its name before its end, inside the picture
		assertThat(picture.bars().get(3).labelAnchor()).isEqualTo("end");
		assertThat(picture.bars().get(3).labelX()).isEqualTo(99.5);
		assertThat(picture.rowsHeight()).isEqualTo(4 * TimelineBars.ROW + 8);
		assertThat(picture.height()).isGreaterThan(picture.labelY());
	}

	private static StepEntry step(String name, String kind, long from, long to) {
		return new StepEntry(name, 0, kind, "completed", 1, null, null, null, null, START.plusMillis(from),
				START.plusMillis(to), List.of(), List.of(), List.of());
	}

}
