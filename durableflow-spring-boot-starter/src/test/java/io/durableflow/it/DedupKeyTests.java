package io.durableflow.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.durableflow.DeduplicatedRunException;
import io.durableflow.DurableFlow;
import io.durableflow.RunStatus;
import io.durableflow.StartOptions;
import io.durableflow.it.WaitingWorkflows.Approval;
import io.durableflow.test.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static io.durableflow.it.Contexts.awaitStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** At most one unfinished run per workflow and dedup key, held by the database. */
class DedupKeyTests {

	@Test
	void aSecondStartWithTheKeyOfAnUnfinishedRunIsRefusedNamingThatRunAndTheKeyIsFreeOnceItFinishes() {
		try (ConfigurableApplicationContext context = Contexts.start(TestDatabase.newDatabase())) {
			DurableFlow flow = context.getBean(DurableFlow.class);
			String first = flow.start("approval", new Approval("doc-1", 60_000), keyed("invoice-42")).runId();

			assertThatExceptionOfType(DeduplicatedRunException.class)
				.isThrownBy(() -> flow.start("approval", new Approval("doc-1", 60_000), keyed("invoice-42")))
				.satisfies((ex) -> {
					assertThat(ex.existingRunId()).isEqualTo(first);
					assertThat(ex.dedupKey()).isEqualTo("invoice-42");
					assertThat(ex.workflowName()).isEqualTo("approval");
				})
				.withMessageContaining(first);
			// another key, or the same key for another workflow, is another matter
			String other = flow.start("approval", new Approval("doc-2", 60_000), keyed("invoice-43")).runId();
			flow.start("sleepy", 10L, keyed("invoice-42"));

			awaitStatus(flow, first, RunStatus.WAITING, Duration.ofSeconds(10));
			flow.notify("doc.approved", Map.of("doc", "doc-1", "by", "ada"));
			awaitStatus(flow, first, RunStatus.COMPLETED, Duration.ofSeconds(10));
			String again = flow.start("approval", new Approval("doc-1", 60_000), keyed("invoice-42")).runId();
			assertThat(again).isNotIn(first, other);
		}
	}

	@Test
	void startsRacingWithOneKeyMakeOneRunAndEveryOtherIsToldWhichOne() throws Exception {
		int starters = 12;
		try (ConfigurableApplicationContext context = Contexts.start(TestDatabase.newDatabase(),
				"durableflow.worker.enabled=false")) {
			DurableFlow flow = context.getBean(DurableFlow.class);
			ExecutorService pool = Executors.newFixedThreadPool(starters);
			CountDownLatch go = new CountDownLatch(1);
			List<Future<String>> results = new ArrayList<>();
			for (int i = 0; i < starters; i++) {
				results.add(pool.submit(() -> {
					go.await();
					try {
						return "started "
								+ flow.start("approval", new Approval("doc-r", 60_000), keyed("racing")).runId();
					}
					catch (DeduplicatedRunException ex) {
						return "refused " + ex.existingRunId();
					}
				}));
			}
			go.countDown();
			List<String> outcomes = new ArrayList<>();
			for (Future<String> result : results) {
				outcomes.add(result.get(30, TimeUnit.SECONDS));
			}
			pool.shutdown();

			List<String> started = outcomes.stream().filter((o) -> o.startsWith("started ")).toList();
			assertThat(started).hasSize(1);
			String winner = started.get(0).substring("started ".length());
			assertThat(outcomes).filteredOn((o) -> o.startsWith("refused "))
				.hasSize(starters - 1)
				.allMatch((o) -> o.equals("refused " + winner));
			assertThat(context.getBean(JdbcTemplate.class)
				.queryForObject("SELECT count(*) FROM durableflow.workflow_runs WHERE dedup_key = 'racing'",
						Integer.class))
				.isEqualTo(1);
		}
	}

	@Test
	void aRefusalInTheCallersTransactionLeavesThatTransactionUsable() {
		try (ConfigurableApplicationContext context = Contexts.start(TestDatabase.newDatabase(),
				"durableflow.worker.enabled=false")) {
			DurableFlow flow = context.getBean(DurableFlow.class);
			String first = flow.start("approval", new Approval("doc-t", 60_000), keyed("in-tx")).runId();
			TransactionTemplate transactions = new TransactionTemplate(
					context.getBean(org.springframework.transaction.PlatformTransactionManager.class));

			String later = transactions.execute((status) -> {
				assertThatExceptionOfType(DeduplicatedRunException.class)
					.isThrownBy(() -> flow.start("approval", new Approval("doc-t", 60_000), keyed("in-tx")));
				// the transaction goes on: this start commits with it
				return flow.start("approval", new Approval("doc-u", 60_000), keyed("other")).runId();
			});

			assertThat(flow.find(later)).isPresent();
			assertThat(flow.find(first)).isPresent();
		}
	}

	@Test
	void aStartWithTheRunIdOfTheRunHoldingTheKeyReturnsThatRun() {
		try (ConfigurableApplicationContext context = Contexts.start(TestDatabase.newDatabase(),
				"durableflow.worker.enabled=false")) {
			DurableFlow flow = context.getBean(DurableFlow.class);
			StartOptions options = StartOptions.builder().runId("invoice-run").dedupKey("invoice-7").build();
			flow.start("approval", new Approval("doc-i", 60_000), options);

			assertThat(flow.start("approval", new Approval("doc-i", 60_000), options).runId()).isEqualTo("invoice-run");
		}
	}

	@Test
	void aBlankOrOverlongKeyIsRefusedWhenTheOptionsAreBuilt() {
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> keyed(" "))
			.withMessageContaining("dedupKey");
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> keyed("k".repeat(201)))
			.withMessageContaining("dedupKey");
	}

	private static StartOptions keyed(String key) {
		return StartOptions.builder().dedupKey(key).build();
	}

}
