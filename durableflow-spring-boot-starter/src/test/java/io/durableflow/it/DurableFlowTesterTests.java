package io.durableflow.it;

import java.time.Duration;
import java.util.Map;

import io.durableflow.DurableFlow;
import io.durableflow.StartOptions;
import io.durableflow.it.WaitingWorkflows.Approval;
import io.durableflow.test.TestDatabase;
import io.durableflow.testing.DurableFlowTester;
import io.durableflow.testing.EnableDurableFlowTesting;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The test helper drives workflows through time deterministically, on the test's thread.
 */
class DurableFlowTesterTests {

	static ConfigurableApplicationContext context;

	static DurableFlow flow;

	static DurableFlowTester tester;

	@BeforeAll
	static void start() {
		context = new SpringApplicationBuilder(TestApp.class, Testing.class).web(WebApplicationType.NONE)
			.run("--spring.datasource.url=" + TestDatabase.newDatabase(), "--durableflow.worker.enabled=false",
					"--spring.main.banner-mode=off");
		flow = context.getBean(DurableFlow.class);
		tester = context.getBean(DurableFlowTester.class);
	}

	@AfterAll
	static void stop() {
		context.close();
	}

	@Test
	void aDaySleepPassesInAnInstantAndNothingRunsUntilTheClockSaysSo() {
		String runId = flow.start("sleepy", Duration.ofDays(1).toMillis(), StartOptions.defaults()).runId();
		tester.runUntilIdle();
		tester.assertRun(runId).isSleepingAt("nap");
		tester.advance(Duration.ofHours(23));
		tester.assertRun(runId).isSleepingAt("nap");
		tester.advanceToNextWakeUp();
		tester.assertRun(runId).hasOutput(String.class, "rested");
		assertThat(Probe.count(runId, "before")).isEqualTo(1);
	}

	@Test
	void retriesAreStepsInTimeAndAttemptsAreCounted() {
		String runId = flow.start("flaky", 2, StartOptions.defaults()).runId();
		tester.runUntilIdle();
		tester.assertRun(runId).hasStatus(io.durableflow.RunStatus.SLEEPING).hasStepAttempts("call", 1);
		tester.advanceToNextWakeUp();
		tester.advanceToNextWakeUp();
		tester.assertRun(runId)
			.hasOutput(Integer.class, 3)
			.hasStepAttempts("call", 3)
			.hasStepResult("call", Integer.class, 3);
	}

	@Test
	void waitsAreCheckedAndEventsDelivered() {
		String runId = flow
			.start("approval", new Approval("doc-t", Duration.ofDays(4).toMillis()), StartOptions.defaults())
			.runId();
		tester.runUntilIdle();
		tester.assertRun(runId).isWaitingForEvent("doc.approved", Map.of("doc", "doc-t"));
		assertThat(tester.notifyAndDrain("doc.approved", Map.of("doc", "doc-t", "by", "erin"))).isEqualTo(1);
		tester.assertRun(runId).hasOutput(String.class, "approved by erin");
	}

	@Test
	void aWaitTimesOutWhenTheClockPassesItsTimeout() {
		String runId = flow
			.start("approval", new Approval("doc-t2", Duration.ofDays(4).toMillis()), StartOptions.defaults())
			.runId();
		tester.runUntilIdle();
		tester.advance(Duration.ofDays(4));
		tester.assertRun(runId).hasOutput(String.class, "timed out");
	}

	@Test
	void failuresAndLogsAreAssertedWithClearMessages() {
		String runId = flow.start("strict", "nobody", StartOptions.defaults()).runId();
		tester.runUntilIdle();
		tester.assertRun(runId).isFailedWithCode("invalid_email");
		assertThatThrownBy(() -> tester.assertRun(runId).isCompleted()).isInstanceOf(AssertionError.class)
			.hasMessageContaining("to be completed; it is failed with error [invalid_email]")
			.hasMessageContaining("validate=failed");
		String chatty = flow.start("chatty", "hi", StartOptions.defaults()).runId();
		tester.runUntilIdle();
		tester.advanceToNextWakeUp();
		tester.assertRun(chatty).isCompleted().hasLog("starting").hasLog("inside the step");
	}

	@Configuration(proxyBeanMethods = false)
	@EnableDurableFlowTesting
	static class Testing {

	}

}
