package io.durableflow.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.durableflow.DurableFlow;
import io.durableflow.StartOptions;
import io.durableflow.test.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three schedulers on one database share hundreds of runs: each run completes once, each
 * step runs once.
 */
class MultiSchedulerTests {

	@Test
	void threeSchedulersCompleteEveryRunExactlyOnce() {
		String url = TestDatabase.newDatabase();
		List<ConfigurableApplicationContext> contexts = new ArrayList<>();
		try {
			for (int i = 0; i < 3; i++) {
				contexts.add(Contexts.start(url, "durableflow.worker.concurrency=4", "durableflow.lease.ttl=10s"));
			}
			DurableFlow flow = contexts.get(0).getBean(DurableFlow.class);
			JdbcTemplate jdbc = contexts.get(0).getBean(JdbcTemplate.class);
			int runs = 300;
			List<String> ids = new ArrayList<>();
			for (int i = 0; i < runs; i++) {
				ids.add(flow.start("contended", i, StartOptions.defaults()).runId());
			}
			await().atMost(Duration.ofSeconds(90))
				.pollInterval(Duration.ofMillis(100))
				.until(() -> jdbc.queryForObject(
						"SELECT count(*) FROM durableflow.workflow_runs WHERE status = 'completed'", Integer.class),
						(done) -> done == runs);

			for (String id : ids) {
				for (String step : new String[] { "a", "b", "c" }) {
					assertThat(Probe.count(id, step)).as(id + "/" + step).isEqualTo(1);
				}
			}
			assertThat(Probe.overlaps()).isEmpty();
			assertThat(jdbc.queryForObject("SELECT count(*) FROM durableflow.workflow_steps", Integer.class))
				.isEqualTo(runs * 3);
			assertThat(jdbc.queryForObject("SELECT max(executions) FROM durableflow.workflow_runs", Integer.class))
				.isEqualTo(1);
			int total = 0;
			for (ConfigurableApplicationContext context : contexts) {
				int here = context.getBean(ContendedWorkflow.class).executedHere.get();
				assertThat(here).as("runs executed by one of the schedulers").isPositive();
				total += here;
			}
			assertThat(total).isEqualTo(runs);
		}
		finally {
			contexts.forEach(ConfigurableApplicationContext::close);
		}
	}

}
