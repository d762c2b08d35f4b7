package io.durableflow.it;

import java.time.Duration;
import java.util.Map;

import io.durableflow.DurableFlow;
import io.durableflow.RunStatus;
import io.durableflow.StartOptions;
import io.durableflow.actuate.DurableFlowEndpoint;
import io.durableflow.actuate.DurableFlowHealthIndicator;
import io.durableflow.it.TestWorkflows.Order;
import io.durableflow.it.WaitingWorkflows.Approval;
import io.durableflow.test.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

import static io.durableflow.it.Contexts.awaitStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Meters carry the workflow (and status or error code), never a run or user id; health
 * and endpoint report the engine.
 */
class MetricsAndHealthTests {

	static ConfigurableApplicationContext context;

	static DurableFlow flow;

	static MeterRegistry meters;

	@BeforeAll
	static void start() {
		// a non-web host: the endpoint is exposed over JMX
		context = Contexts.start(TestDatabase.newDatabase(), "spring.jmx.enabled=true",
				"management.endpoints.jmx.exposure.include=durableflow,health");
		flow = context.getBean(DurableFlow.class);
		meters = context.getBean(MeterRegistry.class);
	}

	@AfterAll
	static void stop() {
		context.close();
	}

	@Test
	void runsStepsRetriesAndWaitsAreMetered() {
		String ok = flow.start("three-steps", new Order("m", 1), StartOptions.defaults()).runId();
		String flaky = flow.start("flaky", 1, StartOptions.defaults()).runId();
		String strict = flow.start("strict", "x", StartOptions.defaults()).runId();
		String approval = flow.start("approval", new Approval("doc-m", 60_000), StartOptions.defaults()).runId();
		awaitStatus(flow, ok, RunStatus.COMPLETED, Duration.ofSeconds(10));
		awaitStatus(flow, flaky, RunStatus.COMPLETED, Duration.ofSeconds(10));
		awaitStatus(flow, strict, RunStatus.FAILED, Duration.ofSeconds(10));
		awaitStatus(flow, approval, RunStatus.WAITING, Duration.ofSeconds(10));
		flow.notify("doc.approved", Map.of("doc", "doc-m", "by", "x"));
		awaitStatus(flow, approval, RunStatus.COMPLETED, Duration.ofSeconds(10));

		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			assertThat(meters.get("durableflow.runs.started")
				.tags("workflow", "three-steps", "hosting_mode", "user_git")
				.counter()
				.count()).isGreaterThanOrEqualTo(1);
			assertThat(meters.get("durableflow.runs.finished")
				.tags("workflow", "strict", "status", "failed", "error_code", "invalid_email")
				.counter()
				.count()).isGreaterThanOrEqualTo(1);
			assertThat(meters.get("durableflow.run.duration")
				.tags("workflow", "three-steps", "status", "completed")
				.timer()
				.count()).isGreaterThanOrEqualTo(1);
			assertThat(meters.get("durableflow.step.retries")
				.tags("workflow", "flaky", "error_code", "smtp_timeout")
				.counter()
				.count()).isGreaterThanOrEqualTo(1);
			assertThat(meters.get("durableflow.step.attempts")
				.tags("workflow", "flaky", "status", "completed")
				.summary()
				.max()).isEqualTo(2);
			assertThat(meters.get("durableflow.step.duration").tags("workflow", "three-steps").timers()).isNotEmpty();
			assertThat(meters.get("durableflow.wait.resume.latency").tags("workflow", "approval").timer().count())
				.isGreaterThanOrEqualTo(1);
			assertThat(meters.get("durableflow.claim.lag").tags("workflow", "three-steps").timer().count())
				.isGreaterThanOrEqualTo(1);
		});
		assertThat(meters.get("durableflow.runs.active").tag("status", "waiting").gauge()).isNotNull();
		assertThat(meters.get("durableflow.leases.active").gauge().value()).isGreaterThanOrEqualTo(0);
		assertThat(meters.get("durableflow.notify.failures").functionCounter().count()).isZero();
		assertThat(meters.getMeters()).allSatisfy((meter) -> assertThat(meter.getId().getTags())
			.noneSatisfy((tag) -> assertThat(tag.getKey()).isIn("run_id", "runId", "user_id", "userId")));
	}

	@Test
	void healthIsUpAndTheEndpointReportsRunsAndWorkers() {
		assertThat(context.getBean(DurableFlowHealthIndicator.class).health(true).getStatus()).isEqualTo(Status.UP);
		Map<String, Object> report = context.getBean(DurableFlowEndpoint.class).durableflow();
		assertThat(report).containsKeys("runs", "oldestDue", "workers");
		@SuppressWarnings("unchecked")
		Map<String, Object> workers = (Map<String, Object>) report.get("workers");
		assertThat(workers).containsEntry("running", true).containsEntry("concurrency", 8);
	}

}
