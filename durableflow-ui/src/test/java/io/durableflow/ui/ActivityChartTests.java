package io.durableflow.ui;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runs list's chart of runs per minute: counted from the documented table, by minute,
 * however many older runs there are; drawn as SVG with words for what it shows.
 */
class ActivityChartTests {

	static ConsoleHttp http;

	static JdbcTemplate jdbc;

	static ConsoleQueries queries;

	@BeforeAll
	static void start() {
		http = new ConsoleHttp("durableflow.ui.allow-unauthenticated=true", "durableflow.worker.enabled=false");
		jdbc = http.context().getBean(JdbcTemplate.class);
		queries = http.context().getBean(ConsoleQueries.class);
	}

	@AfterAll
	static void stop() {
		http.close();
	}

	@Test
	void runsAreCountedInTheMinuteTheyStartedFinishedOrFailedAndOlderOnesNotAtAll() {
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		// a long history before the window: the search for the window's first run skips
		// it
		insert("old", 3000, now.minus(Duration.ofDays(2)), Duration.ofSeconds(1), now.minus(Duration.ofDays(1)),
				"completed");
		// started long ago, finished in the window: counted as finished, not as started
		insert("sleeper", 1, now.minus(Duration.ofHours(5)), Duration.ZERO, now.minus(Duration.ofSeconds(90)),
				"completed");
		insert("recent", 4, now.minus(Duration.ofSeconds(10 * 60 + 30)), Duration.ofSeconds(1), null, "waiting");
		insert("done", 3, now.minus(Duration.ofSeconds(5 * 60 + 30)), Duration.ZERO,
				now.minus(Duration.ofSeconds(5 * 60 + 20)), "completed");
		insert("broke", 2, now.minus(Duration.ofSeconds(5 * 60 + 30)), Duration.ZERO,
				now.minus(Duration.ofSeconds(5 * 60 + 10)), "failed");

		ActivityChart chart = queries.activity(now, 60);

		assertThat(chart.startedTotal()).isEqualTo(9);
		assertThat(chart.finishedTotal()).isEqualTo(6);
		assertThat(chart.failedTotal()).isEqualTo(2);
		List<ActivityChart.Minute> minutes = chart.minutes();
		assertThat(minutes).hasSize(60);
		assertThat(minutes.get(49).title()).isEqualTo("11 to 10 min ago: 4 started, 0 finished, 0 failed");
		assertThat(minutes.get(54).title()).isEqualTo("6 to 5 min ago: 5 started, 5 finished, 2 failed");
		assertThat(minutes.get(58).title()).isEqualTo("2 to 1 min ago: 0 started, 1 finished, 0 failed");
		assertThat(chart.description())
			.isEqualTo("In the last 60 minutes: 9 runs started (at most 5 in one minute), 6 finished, 2 failed.");
	}

	@Test
	void theChartIsDrawnWithAxesInUnitsSvgReadsAndSaysWhenThereIsNothingToShow() {
		ActivityChart empty = new ActivityChart(new int[60], new int[60], new int[60]);
		assertThat(empty.description()).isEqualTo("No run started or finished in the last 60 minutes.");
		assertThat(empty.xTicks()).extracting(ActivityChart.Tick::label)
			.containsExactly("60 min ago", "45 min ago", "30 min ago", "15 min ago", "now");
		int[] started = new int[60];
		started[59] = 7;
		ActivityChart chart = new ActivityChart(started, new int[60], new int[60]);
		assertThat(chart.yTicks()).extracting(ActivityChart.Tick::label).containsExactly("0", "5", "10");
		assertThat(chart.minutes().get(59).barHeight()).isEqualTo("78.4");
		assertThat(chart.finishedPoints()).startsWith("45.6,122.0 56.8,122.0");
		assertThat(ActivityChart.niceCeiling(1)).isEqualTo(1);
		assertThat(ActivityChart.niceCeiling(3)).isEqualTo(5);
		assertThat(ActivityChart.niceCeiling(11)).isEqualTo(20);
		assertThat(ActivityChart.niceCeiling(501)).isEqualTo(1000);
	}

	@Test
	void theRunsListShowsTheChartWithATitleAndADescription() throws Exception {
		String page = http.get("/durableflow").body();
		assertThat(page)
			.contains("<svg class=\"activity-chart\" role=\"img\" aria-labelledby=\"activity-title activity-desc\"")
			.contains("<title id=\"activity-title\">Runs per minute, last 60 minutes</title>")
			.contains("<desc id=\"activity-desc\">In the last 60 minutes: ")
			.contains("viewBox=\"0 0 720 150\"");
	}

	private static void insert(String prefix, int count, Instant createdAt, Duration apart, Instant finishedAt,
			String status) {
		List<Object[]> rows = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			Instant created = createdAt.plus(apart.multipliedBy(i));
			rows.add(new Object[] { prefix + "-" + i, status, Timestamp.from(created), Timestamp.from(created),
					(finishedAt != null) ? Timestamp.from(finishedAt) : null });
		}
		jdbc.batchUpdate(
				"INSERT INTO durableflow.workflow_runs (run_id, workflow_name, status, created_at, updated_at, "
						+ "finished_at) VALUES (?, 'greeting', ?, ?, ?, ?)",
				rows);
	}

}
