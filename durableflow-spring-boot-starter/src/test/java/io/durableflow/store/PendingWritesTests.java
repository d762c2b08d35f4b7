package io.durableflow.store;

import java.time.Instant;
import java.util.List;

import io.durableflow.StepStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an execution queued for steps of a transaction that rolled back is forgotten, and
 * nothing else (a step graph's wait registration that lost a deadlock).
 */
class PendingWritesTests {

	@Test
	void forgettingStepsDropsTheirRowsAndWaitsAndKeepsTheRest() {
		PendingWrites pending = new PendingWrites();
		Instant now = Instant.now();
		pending.step(
				new StepWrite("graph.build", 0, StepKind.STEP, StepStatus.COMPLETED, 1, "[]", null, null, now, now),
				true);
		pending.step(new StepWrite("a.done", 1, StepKind.WAIT, StepStatus.WAITING, 0, null, null, null, now, null),
				true);
		pending.waitFor(new WaitWrite("a.done", "durableflow.workflow.finished", "{}", null));
		pending.step(new StepWrite("b.done", 2, StepKind.WAIT, StepStatus.WAITING, 0, null, null, null, now, null),
				true);
		pending.waitFor(new WaitWrite("b.done", "durableflow.workflow.finished", "{}", null));

		pending.forget(List.of("a.done", "b.done"));

		assertThat(pending.steps()).extracting(StepWrite::name).containsExactly("graph.build");
		assertThat(pending.waits()).isEmpty();
		assertThat(pending.isNew("graph.build")).isTrue();
		assertThat(pending.isNew("a.done")).isFalse();
	}

}
