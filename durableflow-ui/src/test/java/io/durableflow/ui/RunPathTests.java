package io.durableflow.ui;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How a {@code /runs/{*path}} path is split into a run id and an endpoint. */
class RunPathTests {

	private static final String[] SUFFIXES = { "timeline", "graph", "artifacts", "artifacts/*" };

	@Test
	void theLastSegmentsThatFitASuffixNameTheEndpointOfTheRunBeforeThem() {
		Set<String> runs = Set.of("p/s#2");
		assertThat(RunPath.of("/p/s#2/graph", runs::contains, SUFFIXES))
			.isEqualTo(new RunPath("p/s#2", "graph", List.of()));
		assertThat(RunPath.of("/p/s#2/artifacts/a-1", runs::contains, SUFFIXES))
			.isEqualTo(new RunPath("p/s#2", "artifacts/*", List.of("a-1")));
		assertThat(RunPath.of("p/s#2", runs::contains, SUFFIXES)).isEqualTo(new RunPath("p/s#2", "", List.of()));
	}

	@Test
	void aRunWhoseWholePathIsItsIdWins() {
		Set<String> runs = Set.of("p/s", "p/s/graph");
		assertThat(RunPath.of("/p/s/graph", runs::contains, SUFFIXES))
			.isEqualTo(new RunPath("p/s/graph", "", List.of()));
	}

	@Test
	void ofTwoSuffixesThatFitTheOneOfARunThatExistsIsTaken() {
		assertThat(RunPath.of("/p/artifacts/timeline", Set.of("p")::contains, SUFFIXES))
			.isEqualTo(new RunPath("p", "artifacts/*", List.of("timeline")));
		assertThat(RunPath.of("/p/artifacts/timeline", Set.of("p/artifacts")::contains, SUFFIXES))
			.isEqualTo(new RunPath("p/artifacts", "timeline", List.of()));
	}

	@Test
	void withoutARunThePathNamesItsLongestCandidateSoThat404NamesIt() {
		assertThat(RunPath.of("/p/nope/graph", Set.<String>of()::contains, SUFFIXES))
			.isEqualTo(new RunPath("p/nope", "graph", List.of()));
		assertThat(RunPath.of("/p/nope", Set.<String>of()::contains, SUFFIXES))
			.isEqualTo(new RunPath("p/nope", "", List.of()));
		assertThat(RunPath.of("/graph", Set.<String>of()::contains, SUFFIXES))
			.isEqualTo(new RunPath("graph", "", List.of()));
		assertThat(RunPath.of("/p/artifacts/", Set.<String>of()::contains, SUFFIXES))
			.as("an empty segment is no artifact id")
			.isEqualTo(new RunPath("p/artifacts/", "", List.of()));
	}

	@Test
	void anActionNamesAnEndpointEvenWhenTheWholePathIsARun() {
		assertThat(RunPath.endpoint("/p/s/cancel", Set.of("p/s", "p/s/cancel")::contains, "cancel", "steps/*/retry"))
			.isEqualTo(new RunPath("p/s", "cancel", List.of()));
		assertThat(RunPath.endpoint("/p/s/steps/page[0]#2/retry", Set.of("p/s")::contains, "cancel", "steps/*/retry"))
			.isEqualTo(new RunPath("p/s", "steps/*/retry", List.of("page[0]#2")));
		assertThat(RunPath.endpoint("/p/s/other", Set.of("p/s")::contains, "cancel"))
			.isEqualTo(new RunPath("p/s/other", "", List.of()));
	}

}
