package io.durableflow.it;

import java.util.Map;

import io.durableflow.DurableFlow;
import io.durableflow.StartOptions;
import io.durableflow.test.TestDatabase;
import io.durableflow.testing.DurableFlowTester;
import io.durableflow.testing.EnableDurableFlowTesting;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cursor steps resume from the last position they advanced to, and a finished one is
 * skipped.
 */
class CursorStepTests {

	@Test
	void aRetryResumesFromTheLastPositionAndAFinishedLoopIsNotRunAgain() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(TestApp.class, Testing.class)
			.web(WebApplicationType.NONE)
			.run("--spring.datasource.url=" + TestDatabase.newDatabase(), "--durableflow.worker.enabled=false",
					"--spring.main.banner-mode=off")) {
			DurableFlow flow = context.getBean(DurableFlow.class);
			DurableFlowTester tester = context.getBean(DurableFlowTester.class);
			String runId = flow.start("counting", 100, StartOptions.defaults()).runId();

			tester.runUntilIdle();
			// the first attempt failed at item 50, after advancing to 50: the retry waits
			Map<String, Object> step = context.getBean(JdbcTemplate.class)
				.queryForMap("SELECT kind, status, result::text AS result, attempts FROM durableflow.workflow_steps "
						+ "WHERE run_id = ? AND name = 'count'", runId);
			assertThat(step).containsEntry("kind", "cursor")
				.containsEntry("status", "retrying")
				.containsEntry("result", "50")
				.containsEntry("attempts", 1);

			tester.advanceToNextWakeUp(runId); // the retry: from item 50 to the end, then
												// the rest
			tester.advanceToNextWakeUp(runId); // the sleep ends: a replay passes the
												// finished loop

			tester.assertRun(runId).isCompleted().hasOutput(Integer.class, 100).hasStepSucceeded("count");
			for (int i = 0; i < 100; i++) {
				assertThat(Probe.count(runId, "item-" + i)).as("runs of item %d", i).isEqualTo((i == 50) ? 2 : 1);
			}
			assertThat(context.getBean(JdbcTemplate.class)
				.queryForObject(
						"SELECT result::text FROM durableflow.workflow_steps WHERE run_id = ? AND name = 'count'",
						String.class, runId))
				.isEqualTo("100");
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableDurableFlowTesting
	static class Testing {

	}

}
