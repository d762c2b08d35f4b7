package io.durableflow.it;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.Map;
import java.time.OffsetDateTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.durableflow.DurableFlow;
import io.durableflow.QueueView;
import io.durableflow.StartOptions;
import io.durableflow.WorkflowRunView;
import io.durableflow.it.QueuedWorkflow.Job;
import io.durableflow.test.TestDatabase;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Queue limits on real PostgreSQL, with three schedulers (three application contexts) on
 * one database: the limits are the database's, not any one instance's.
 */
class QueueTests {

	private static final String[] QUEUES = { "durableflow.queues.capped.concurrency=2",
			"durableflow.queues.paced.rate-limit.limit=3", "durableflow.queues.paced.rate-limit.period=700ms",
			"durableflow.queues.single.concurrency=1", "durableflow.queues.tenants.concurrency=1",
			"durableflow.queues.tenants.concurrency-per-key=1", "durableflow.queues.local.worker-concurrency=1",
			"durableflow.queues.plain.description=no limits", "durableflow.worker.concurrency=4",
			"durableflow.lease.ttl=3s" };

	@Test
	void aQueueCappedAtTwoNeverRunsMoreThanTwoAcrossThreeSchedulers() {
		QueuedWorkflow.reset("capped");
		String url = TestDatabase.newDatabase();
		// each instance runs one of them at a time: the three together would run
		// three, the cap allows two, and two running at once must be on two instances
		// (with more workers one instance may keep both slots, its ending commits
		// handing each freed slot to itself)
		List<ConfigurableApplicationContext> contexts = startThree(url,
				"durableflow.queues.capped.worker-concurrency=1");
		try {
			DurableFlow flow = contexts.get(0).getBean(DurableFlow.class);
			JdbcTemplate jdbc = contexts.get(0).getBean(JdbcTemplate.class);
			List<String> ids = new ArrayList<>();
			for (int i = 0; i < 24; i++) {
				ids.add(flow
					.start("queued", new Job("capped", "c" + i, 120), StartOptions.builder().queue("capped").build())
					.runId());
			}
			AtomicInteger sampledPeak = new AtomicInteger();
			AtomicBoolean done = new AtomicBoolean();
			Thread sampler = new Thread(() -> {
				while (!done.get()) {
					Integer now = jdbc.queryForObject(
							"SELECT count(*) FROM durableflow.workflow_runs WHERE queue = 'capped' AND status = 'running'",
							Integer.class);
					sampledPeak.accumulateAndGet(now, Math::max);
				}
			});
			sampler.start();
			await().atMost(Duration.ofSeconds(60)).until(() -> completed(jdbc, "capped") == ids.size());
			done.set(true);
			join(sampler);
			assertThat(QueuedWorkflow.peak.get("capped").get()).as("steps running at once").isEqualTo(2);
			assertThat(sampledPeak.get()).as("runs running at once, sampled in the database").isBetween(1, 2);
			assertThat(contexts.stream().filter((c) -> c.getBean(QueuedWorkflow.class).executedHere.get() > 0).count())
				.as("schedulers that ran some of the runs")
				.isGreaterThan(1);
			for (ConfigurableApplicationContext context : contexts) {
				assertThat(context.getBean(QueuedWorkflow.class).peakHere.get()).as("running at once on one instance")
					.isLessThanOrEqualTo(1);
			}
		}
		finally {
			contexts.forEach(ConfigurableApplicationContext::close);
		}
	}

	@Test
	void aWorkerConcurrencyOfOneRunsOneOnEachInstance() {
		QueuedWorkflow.reset("local");
		String url = TestDatabase.newDatabase();
		List<ConfigurableApplicationContext> contexts = startThree(url);
		try {
			DurableFlow flow = contexts.get(0).getBean(DurableFlow.class);
			JdbcTemplate jdbc = contexts.get(0).getBean(JdbcTemplate.class);
			for (int i = 0; i < 12; i++) {
				flow.start("queued", new Job("local", "l" + i, 100), StartOptions.builder().queue("local").build());
			}
			await().atMost(Duration.ofSeconds(60)).until(() -> completed(jdbc, "local") == 12);
			for (ConfigurableApplicationContext context : contexts) {
				assertThat(context.getBean(QueuedWorkflow.class).peakHere.get()).as("running at once on one instance")
					.isLessThanOrEqualTo(1);
			}
			assertThat(QueuedWorkflow.peak.get("local").get()).as("running at once on the three").isBetween(2, 3);
		}
		finally {
			contexts.forEach(ConfigurableApplicationContext::close);
		}
	}

	@Test
	void inTheDefaultQueueHigherPriorityRunsFirstOnBothClaimPaths() {
		QueuedWorkflow.reset("prio");
		String url = TestDatabase.newDatabase();
		// one worker: the blocker's ending commit hands it its next run (the shared
		// commit's claim), later ones come from either path
		try (ConfigurableApplicationContext context = Contexts.start(url, "durableflow.worker.concurrency=1")) {
			DurableFlow flow = context.getBean(DurableFlow.class);
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			flow.start("queued", new Job("prio", "blocker", 1500), StartOptions.defaults());
			await().atMost(Duration.ofSeconds(20))
				.until(() -> QueuedWorkflow.began.getOrDefault("prio", List.of()).contains("blocker"));
			int[] priorities = { 0, 7, -2, 7, 3 };
			for (int i = 0; i < priorities.length; i++) {
				flow.start("queued", new Job("prio", "p" + priorities[i] + "-" + i, 10),
						StartOptions.builder().priority(priorities[i]).build());
			}
			await().atMost(Duration.ofSeconds(30)).until(() -> completed(jdbc, "default") == priorities.length + 1);
			assertThat(QueuedWorkflow.began.get("prio")).containsExactly("blocker", "p7-1", "p7-3", "p3-4", "p0-0",
					"p-2-2");
		}
	}

	@Test
	void aRateLimitNeverStartsMoreThanItsLimitWithinOnePeriod() {
		String url = TestDatabase.newDatabase();
		List<ConfigurableApplicationContext> contexts = startThree(url);
		try {
			DurableFlow flow = contexts.get(0).getBean(DurableFlow.class);
			JdbcTemplate jdbc = contexts.get(0).getBean(JdbcTemplate.class);
			int runs = 10;
			for (int i = 0; i < runs; i++) {
				flow.start("queued", new Job("paced", "p" + i, 5), StartOptions.builder().queue("paced").build());
			}
			await().atMost(Duration.ofSeconds(60)).until(() -> completed(jdbc, "paced") == runs);
			List<Timestamp> starts = jdbc.queryForList(
					"SELECT started_at FROM durableflow.workflow_runs WHERE queue = 'paced' ORDER BY started_at",
					Timestamp.class);
			for (int i = 0; i + 3 < starts.size(); i++) {
				long apart = starts.get(i + 3).getTime() - starts.get(i).getTime();
				assertThat(apart).as("ms between start %d and start %d", i, i + 3).isGreaterThanOrEqualTo(700);
			}
		}
		finally {
			contexts.forEach(ConfigurableApplicationContext::close);
		}
	}

	@Test
	void withACapOfOneHigherPriorityRunsFirstAndEqualOnesInTheOrderTheyWereStarted() {
		QueuedWorkflow.reset("single");
		String url = TestDatabase.newDatabase();
		List<ConfigurableApplicationContext> contexts = startThree(url);
		try {
			DurableFlow flow = contexts.get(0).getBean(DurableFlow.class);
			JdbcTemplate jdbc = contexts.get(0).getBean(JdbcTemplate.class);
			flow.start("queued", new Job("single", "blocker", 4000), single(0));
			// the others are started once the blocker holds the slot (its step has begun)
			await().atMost(Duration.ofSeconds(20))
				.until(() -> QueuedWorkflow.began.getOrDefault("single", List.of()).contains("blocker"));
			int[] priorities = { 1, 5, 3, 5, 0, 2, -1 };
			for (int i = 0; i < priorities.length; i++) {
				flow.start("queued", new Job("single", "p" + priorities[i] + "-" + i, 20), single(priorities[i]));
			}
			// while the blocker holds the one slot, the others are queued, over all
			// instances
			MeterRegistry meters = contexts.get(1).getBean(MeterRegistry.class);
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
				assertThat(meters.get("durableflow.queue.depth").tag("queue", "single").gauge().value()).isEqualTo(7);
				assertThat(meters.get("durableflow.queue.running").tag("queue", "single").gauge().value()).isEqualTo(1);
				assertThat(meters.get("durableflow.queue.wait").tag("queue", "single").timeGauge().value())
					.isPositive();
				QueueView single = flow.queues()
					.stream()
					.filter((q) -> q.name().equals("single"))
					.findFirst()
					.orElseThrow();
				assertThat(single.queued()).isEqualTo(7);
				assertThat(single.running()).isEqualTo(1);
				assertThat(single.oldestQueuedAt()).isNotNull();
			});
			await().atMost(Duration.ofSeconds(60)).until(() -> completed(jdbc, "single") == priorities.length + 1);
			assertThat(QueuedWorkflow.began.get("single")).containsExactly("blocker", "p5-1", "p5-3", "p3-2", "p2-5",
					"p1-0", "p0-4", "p-1-6");
			assertThat(QueuedWorkflow.peak.get("single").get()).isEqualTo(1);
		}
		finally {
			contexts.forEach(ConfigurableApplicationContext::close);
		}
	}

	@Test
	void aTenantsBacklogDelaysAnotherTenantsRunByOneTurnAtMost() {
		QueuedWorkflow.reset("tenants");
		String url = TestDatabase.newDatabase();
		List<ConfigurableApplicationContext> contexts = startThree(url);
		try {
			DurableFlow flow = contexts.get(0).getBean(DurableFlow.class);
			JdbcTemplate jdbc = contexts.get(0).getBean(JdbcTemplate.class);
			// the backlog is inserted in one statement, as a bulk import would: 1,000 due
			// runs
			jdbc.update(
					"""
							INSERT INTO durableflow.workflow_runs (run_id, workflow_name, queue, concurrency_key, input, next_due_at)
							SELECT 'a-' || g, 'queued', 'tenants', 'tenant-a',
							    jsonb_build_object('tag', 'tenants', 'name', 'a-' || g, 'holdMs', 30), now() - interval '1 minute'
							FROM generate_series(1, 1000) g""");
			flow.start("queued", new Job("tenants", "wake", 30), tenant("tenant-a"));
			await().atMost(Duration.ofSeconds(30)).until(() -> completed(jdbc, "tenants") >= 3);
			flow.start("queued", new Job("tenants", "b-1", 30), tenant("tenant-b"));
			await().atMost(Duration.ofSeconds(30)).until(() -> QueuedWorkflow.began.get("tenants").contains("b-1"));
			// the runs of tenant-a that began after b-1 was started and before it did: at
			// most the one whose turn came while b-1 was being inserted
			int startedBeforeB = jdbc.queryForObject(
					"""
							SELECT count(*) FROM durableflow.workflow_runs a, durableflow.workflow_runs b
							WHERE b.run_id = (SELECT run_id FROM durableflow.workflow_runs WHERE concurrency_key = 'tenant-b')
							    AND a.concurrency_key = 'tenant-a' AND a.started_at > b.created_at AND a.started_at < b.started_at""",
					Integer.class);
			assertThat(startedBeforeB).as("tenant-a runs started between b-1's start and its first step")
				.isLessThanOrEqualTo(1);
			assertThat(QueuedWorkflow.peak.get("tenants").get()).isEqualTo(1);
			assertThat(jdbc.queryForObject(
					"SELECT count(*) FROM durableflow.workflow_runs WHERE concurrency_key = 'tenant-a' AND status = 'pending'",
					Integer.class))
				.as("tenant-a's backlog still waiting")
				.isGreaterThan(900);
		}
		finally {
			contexts.forEach(ConfigurableApplicationContext::close);
		}
	}

	@Test
	void anUndeclaredQueueIsRefusedNamingTheDeclaredOnesAndNothingIsStored() {
		String url = TestDatabase.newDatabase();
		try (ConfigurableApplicationContext context = Contexts.start(url, QUEUES)) {
			DurableFlow flow = context.getBean(DurableFlow.class);
			assertThatIllegalArgumentException().isThrownBy(
					() -> flow.start("queued", new Job("x", "x", 1), StartOptions.builder().queue("emails").build()))
				.withMessage("Queue 'emails' is not declared; declared queues: default, capped, local, paced, plain, "
						+ "single, tenants (declare one with durableflow.queues.emails.*)");
			assertThat(context.getBean(JdbcTemplate.class)
				.queryForObject("SELECT count(*) FROM durableflow.workflow_runs", Integer.class)).isZero();
			List<QueueView> queues = flow.queues();
			assertThat(queues).extracting(QueueView::name)
				.containsExactly("default", "capped", "local", "paced", "plain", "single", "tenants");
			QueueView paced = queues.get(3);
			assertThat(paced.rateLimit()).isEqualTo(new QueueView.RateLimit(3, Duration.ofMillis(700)));
			assertThat(queues.get(4).description()).isEqualTo("no limits");
		}
	}

	@Test
	void aQueuesCountStopsAtTenThousandAndSaysSoWhileItsOldestRunIsFoundInEveryPriority() {
		String url = TestDatabase.newDatabase();
		try (ConfigurableApplicationContext context = Contexts.start(url, "durableflow.worker.enabled=false",
				"durableflow.queues.capped.concurrency=1", "durableflow.queues.small.description=a few")) {
			DurableFlow flow = context.getBean(DurableFlow.class);
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			// 10,005 due runs in capped at priorities 0..4; the oldest of them at
			// priority 0,
			// two hours ago, behind higher priorities; 20 not yet due; 3 in small
			jdbc.update("""
					INSERT INTO durableflow.workflow_runs (run_id, workflow_name, queue, priority, input, next_due_at)
					SELECT 'c-' || g, 'queued', 'capped', g % 5, '{}'::jsonb,
					    CASE WHEN g = 10 THEN now() - interval '2 hours' ELSE now() - interval '1 minute' END
					FROM generate_series(1, 10005) g
					UNION ALL
					SELECT 'later-' || g, 'queued', 'capped', 9, '{}'::jsonb, now() + interval '1 hour'
					FROM generate_series(1, 20) g
					UNION ALL
					SELECT 's-' || g, 'queued', 'small', 0, '{}'::jsonb, now() - interval '5 minutes'
					FROM generate_series(1, 3) g""");
			jdbc.update("ANALYZE durableflow.workflow_runs");
			Instant twoHoursAgo = jdbc
				.queryForObject("SELECT next_due_at FROM durableflow.workflow_runs WHERE run_id = 'c-10'",
						OffsetDateTime.class)
				.toInstant();
			Map<String, QueueView> queues = flow.queues()
				.stream()
				.collect(Collectors.toMap(QueueView::name, (queue) -> queue));
			assertThat(queues.get("capped").queued()).isEqualTo(10_000);
			assertThat(queues.get("capped").moreQueued()).isTrue();
			assertThat(queues.get("capped").oldestQueuedAt()).isEqualTo(twoHoursAgo);
			assertThat(queues.get("small").queued()).isEqualTo(3);
			assertThat(queues.get("small").moreQueued()).isFalse();
			assertThat(queues.get("default").queued()).isZero();
			assertThat(queues.get("default").oldestQueuedAt()).isNull();
		}
	}

	@Test
	void aRunsViewShowsItsQueuePriorityAndConcurrencyKey() {
		String url = TestDatabase.newDatabase();
		try (ConfigurableApplicationContext context = Contexts.start(url, "durableflow.worker.enabled=false",
				"durableflow.queues.tenants.concurrency-per-key=1")) {
			DurableFlow flow = context.getBean(DurableFlow.class);
			String keyed = flow
				.start("queued", new Job("view", "keyed", 1),
						StartOptions.builder().queue("tenants").priority(7).concurrencyKey("tenant-7").build())
				.runId();
			String plain = flow.start("queued", new Job("view", "plain", 1), StartOptions.defaults()).runId();
			WorkflowRunView keyedView = flow.find(keyed).orElseThrow();
			assertThat(keyedView.queue()).isEqualTo("tenants");
			assertThat(keyedView.priority()).isEqualTo(7);
			assertThat(keyedView.concurrencyKey()).isEqualTo("tenant-7");
			WorkflowRunView plainView = flow.find(plain).orElseThrow();
			assertThat(plainView.queue()).isEqualTo("default");
			assertThat(plainView.priority()).isZero();
			assertThat(plainView.concurrencyKey()).isNull();
		}
	}

	@Test
	void aKilledInstancesSlotsComeBackWhenItsLeasesExpire() throws Exception {
		QueuedWorkflow.reset("capped");
		String url = TestDatabase.newDatabase();
		Process worker = KillTests.startWorker(url, "durableflow.queues.capped.concurrency=2");
		try {
			JdbcTemplate jdbc = new JdbcTemplate(new SimpleDriverDataSource(new org.postgresql.Driver(), url));
			// the worker JVM takes both slots (its step holds for a minute)
			List<String> ids = new ArrayList<>();
			try (ConfigurableApplicationContext starter = Contexts.start(url, "durableflow.worker.enabled=false",
					"durableflow.queues.capped.concurrency=2")) {
				DurableFlow flow = starter.getBean(DurableFlow.class);
				for (int i = 0; i < 4; i++) {
					ids.add(flow
						.start("queued", new Job("capped", "k" + i, 50), StartOptions.builder().queue("capped").build())
						.runId());
				}
			}
			await().atMost(Duration.ofSeconds(30)).until(() -> running(jdbc, "capped") == 2);
			List<String> held = jdbc.queryForList(
					"SELECT run_id FROM durableflow.workflow_runs WHERE queue = 'capped' AND status = 'running'",
					String.class);
			try (ConfigurableApplicationContext context = Contexts.start(url, QUEUES)) {
				Thread.sleep(1000);
				assertThat(QueuedWorkflow.began.get("capped")).as("runs begun here while the worker holds both slots")
					.isNull();
				worker.destroyForcibly();
				assertThat(worker.waitFor(30, TimeUnit.SECONDS)).isTrue();
				await().atMost(Duration.ofSeconds(60)).until(() -> completed(jdbc, "capped") == ids.size());
				assertThat(QueuedWorkflow.peak.get("capped").get()).isEqualTo(2);
				for (String id : held) {
					assertThat(jdbc.queryForObject("SELECT executions FROM durableflow.workflow_runs WHERE run_id = ?",
							Integer.class, id))
						.as("claims of a run the killed worker held")
						.isEqualTo(2);
				}
			}
		}
		finally {
			worker.destroyForcibly();
		}
	}

	private static int running(JdbcTemplate jdbc, String queue) {
		return jdbc.queryForObject(
				"SELECT count(*) FROM durableflow.workflow_runs WHERE queue = ? AND status = 'running'", Integer.class,
				queue);
	}

	private static List<ConfigurableApplicationContext> startThree(String url, String... more) {
		String[] properties = Arrays.copyOf(QUEUES, QUEUES.length + more.length);
		System.arraycopy(more, 0, properties, QUEUES.length, more.length);
		List<ConfigurableApplicationContext> contexts = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			contexts.add(Contexts.start(url, properties));
		}
		return contexts;
	}

	private static StartOptions single(int priority) {
		return StartOptions.builder().queue("single").priority(priority).build();
	}

	private static StartOptions tenant(String key) {
		return StartOptions.builder().queue("tenants").concurrencyKey(key).build();
	}

	private static int completed(JdbcTemplate jdbc, String queue) {
		return jdbc.queryForObject(
				"SELECT count(*) FROM durableflow.workflow_runs WHERE queue = ? AND status = 'completed'",
				Integer.class, queue);
	}

	private static void join(Thread thread) {
		try {
			thread.join(10_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
