package io.durableflow.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.durableflow.DurableFlow;
import io.durableflow.HostingMode;
import io.durableflow.LifecycleStage;
import io.durableflow.RunStatus;
import io.durableflow.WorkflowRunView;
import io.durableflow.test.TestDatabase;
import io.durableflow.tutorials.TutorialAlreadyActiveException;
import io.durableflow.tutorials.TutorialException;
import io.durableflow.tutorials.TutorialLimitExceededException;
import io.durableflow.tutorials.Tutorials;
import io.durableflow.tutorials.UnknownTutorialException;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static io.durableflow.it.Contexts.awaitStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One active run per (user, slug) and three per user, held by the database and a lock,
 * under races.
 */
class TutorialsTests {

	static ConfigurableApplicationContext context;

	static Tutorials tutorials;

	static DurableFlow flow;

	static JdbcTemplate jdbc;

	@BeforeAll
	static void start() {
		context = Contexts.start(TestDatabase.newDatabase(), "spring.datasource.hikari.maximum-pool-size=24");
		tutorials = context.getBean(Tutorials.class);
		flow = context.getBean(DurableFlow.class);
		jdbc = context.getBean(JdbcTemplate.class);
	}

	@AfterAll
	static void stop() {
		context.close();
	}

	@Test
	void fortyRacingStartsOfOneSlugLeaveExactlyOneActiveRun() throws Exception {
		List<Object> outcomes = race(40, (i) -> tutorials.start("racer", "check-links").runId());
		assertThat(outcomes).filteredOn(String.class::isInstance).hasSize(1);
		assertThat(outcomes).filteredOn((o) -> !(o instanceof String))
			.hasSize(39)
			.allSatisfy((o) -> assertThat(o).isInstanceOf(TutorialAlreadyActiveException.class));
		assertThat(active("racer")).isEqualTo(1);
		WorkflowRunView run = flow.find((String) outcomes.stream().filter(String.class::isInstance).findFirst().get())
			.orElseThrow();
		assertThat(run.hostingMode()).isEqualTo(HostingMode.PLATFORM_TEMPLATE);
		assertThat(run.lifecycleStage()).isEqualTo(LifecycleStage.PLAYGROUND);
		assertThat(run.userId()).isEqualTo("racer");
		assertThat(run.tutorialSlug()).isEqualTo("check-links");
	}

	@Test
	void fortyEightRacingStartsOverFourSlugsLeaveExactlyThreeActive() throws Exception {
		String[] slugs = { "check-links", "audit-typos", "style-guide", "fourth" };
		List<Object> outcomes = race(48, (i) -> tutorials.start("greedy", slugs[i % 4]).runId());
		assertThat(outcomes).filteredOn(String.class::isInstance).hasSize(3);
		assertThat(outcomes).filteredOn(TutorialLimitExceededException.class::isInstance).isNotEmpty();
		assertThat(outcomes).filteredOn((o) -> !(o instanceof String))
			.allSatisfy((o) -> assertThat(o).isInstanceOfAny(TutorialAlreadyActiveException.class,
					TutorialLimitExceededException.class));
		assertThat(active("greedy")).isEqualTo(3);
	}

	@Test
	void cancellingOrFinishingOneFreesItsSlot() {
		String a = tutorials.start("learner", "check-links").runId();
		String b = tutorials.start("learner", "audit-typos").runId();
		tutorials.start("learner", "style-guide");
		assertThatThrownBy(() -> tutorials.start("learner", "fourth"))
			.isInstanceOf(TutorialLimitExceededException.class)
			.hasMessageContaining("already has 3 unfinished tutorial runs");
		flow.cancel(a, "bored");
		String fourth = tutorials.start("learner", "fourth").runId();
		awaitStatus(flow, b, RunStatus.WAITING, Duration.ofSeconds(10));
		flow.notify("tutorial.done", Map.of("run_id", b));
		awaitStatus(flow, b, RunStatus.COMPLETED, Duration.ofSeconds(10));
		assertThat(tutorials.start("learner", "audit-typos").runId()).isNotEqualTo(b);
		assertThat(fourth).isNotNull();
		assertThat(active("learner")).isEqualTo(3);
	}

	@Test
	void anUnknownSlugIsRefused() {
		assertThatThrownBy(() -> tutorials.start("someone", "no-such-tutorial"))
			.isInstanceOf(UnknownTutorialException.class)
			.hasMessageContaining("check-links");
	}

	@Test
	void theDatabaseRefusesToMakeATutorialLive() {
		String runId = tutorials.start("sneaky", "style-guide").runId();
		assertThatThrownBy(() -> jdbc
			.update("UPDATE durableflow.workflow_runs SET lifecycle_stage = 'live' WHERE run_id = ?", runId))
			.hasMessageContaining("workflow_runs_platform_template_check");
		assertThatThrownBy(() -> jdbc.update("UPDATE durableflow.workflow_runs SET hosting_mode = 'user_git', "
				+ "lifecycle_stage = 'live' WHERE run_id = ?", runId))
			.hasMessageContaining("hosting_mode cannot change");
		assertThat(flow.find(runId).orElseThrow().lifecycleStage()).isEqualTo(LifecycleStage.PLAYGROUND);
	}

	@Test
	void aRefusedStartLeavesTheCallersTransactionUsable() {
		tutorials.start("caller", "fourth");
		TransactionTemplate tx = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
		Integer after = tx.execute((status) -> {
			assertThatThrownBy(() -> tutorials.start("caller", "fourth"))
				.isInstanceOf(TutorialAlreadyActiveException.class);
			tutorials.start("caller", "check-links");
			return jdbc.queryForObject("SELECT count(*) FROM durableflow.workflow_runs WHERE user_id = 'caller'",
					Integer.class);
		});
		assertThat(after).isEqualTo(2);
		assertThat(active("caller")).isEqualTo(2);
	}

	@Test
	void rejectionsAndTheLargestPerUserAreMetered() {
		tutorials.start("metered", "check-links");
		assertThatThrownBy(() -> tutorials.start("metered", "check-links")).isInstanceOf(TutorialException.class);
		MeterRegistry meters = context.getBean(MeterRegistry.class);
		assertThat(meters.get("durableflow.tutorials.rejected")
			.tags("reason", "already_active", "slug", "check-links")
			.counter()
			.count()).isGreaterThanOrEqualTo(1);
		assertThat(meters.get("durableflow.tutorials.active.max.per.user").gauge().value()).isBetween(1.0, 3.0);
		assertThat(meters.get("durableflow.tutorials.active").tag("slug", "check-links").gauge().value())
			.isGreaterThanOrEqualTo(1);
	}

	private static int active(String userId) {
		return jdbc.queryForObject("SELECT count(*) FROM durableflow.workflow_runs WHERE user_id = ? AND "
				+ "status IN ('pending', 'running', 'sleeping', 'waiting')", Integer.class, userId);
	}

	private static List<Object> race(int starts, java.util.function.IntFunction<String> start) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(16);
		try {
			CountDownLatch go = new CountDownLatch(1);
			List<Future<Object>> futures = new ArrayList<>();
			for (int i = 0; i < starts; i++) {
				int n = i;
				Callable<Object> task = () -> {
					go.await();
					try {
						return start.apply(n);
					}
					catch (TutorialException ex) {
						return ex;
					}
				};
				futures.add(pool.submit(task));
			}
			go.countDown();
			List<Object> outcomes = new ArrayList<>();
			for (Future<Object> future : futures) {
				outcomes.add(future.get(30, TimeUnit.SECONDS));
			}
			return outcomes;
		}
		finally {
			pool.shutdownNow();
		}
	}

}
