package io.durableflow.it;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.durableflow.DurableFlow;
import io.durableflow.StartOptions;
import io.durableflow.test.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A worker whose lease was taken over records nothing: every write is fenced by the lease
 * token.
 */
class FencingTests {

	public static final CountDownLatch entered = new CountDownLatch(1);

	public static final CountDownLatch release = new CountDownLatch(1);

	@Test
	void aWorkerThatLostItsLeaseCannotRecordItsStep() throws Exception {
		try (ConfigurableApplicationContext context = Contexts.start(TestDatabase.newDatabase())) {
			DurableFlow flow = context.getBean(DurableFlow.class);
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			String runId = flow.start("gated", "x", StartOptions.defaults()).runId();
			assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

			// another worker takes the run over (as after an expired lease): a new token,
			// a new owner
			jdbc.update("UPDATE durableflow.workflow_runs SET lease_token = lease_token + 1, lease_owner = 'intruder' "
					+ "WHERE run_id = ?", runId);
			release.countDown();

			await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> true);
			// "open" was committed under the old lease, before "gate" began; nothing
			// after the takeover is
			assertThat(jdbc.queryForList("SELECT name FROM durableflow.workflow_steps WHERE run_id = ?", String.class,
					runId))
				.containsExactly("open");
			assertThat(jdbc.queryForMap("SELECT status, lease_owner FROM durableflow.workflow_runs WHERE run_id = ?",
					runId))
				.containsEntry("status", "running")
				.containsEntry("lease_owner", "intruder");
		}
	}

}
