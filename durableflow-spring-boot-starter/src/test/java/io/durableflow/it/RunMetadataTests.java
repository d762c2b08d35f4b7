package io.durableflow.it;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.durableflow.DurableFlow;
import io.durableflow.RunMetadata;
import io.durableflow.RunQuery;
import io.durableflow.RunStatus;
import io.durableflow.StartOptions;
import io.durableflow.WorkflowRunView;
import io.durableflow.it.WaitingWorkflows.Approval;
import io.durableflow.store.commit.GroupCommit;
import io.durableflow.test.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * A run's name and metadata: given at start, stored on the run row by both ways a run is
 * inserted (the shared commit and a start in the caller's transaction), read back by
 * {@link DurableFlow#find} and matched by {@link DurableFlow#runs}.
 */
class RunMetadataTests {

	private static ConfigurableApplicationContext context;

	private static DurableFlow flow;

	@BeforeAll
	static void start() {
		// no workers: the runs stay as started
		context = Contexts.start(TestDatabase.newDatabase(), "durableflow.worker.enabled=false");
		flow = context.getBean(DurableFlow.class);
	}

	@AfterAll
	static void stop() {
		context.close();
	}

	@Test
	void aRunStartedWithANameAndMetadataReadsThemBackWhicheverWayItWasInserted() {
		// outside a transaction a start goes into a shared commit, in one the run is
		// inserted by a statement of its own
		assertThat(context.getBean(GroupCommit.class).isRunning()).isTrue();
		String shared = flow.start("approval", new Approval("doc-1", 60_000), named("Invoice 42", "acme")).runId();
		String alone = new TransactionTemplate(
				context.getBean(org.springframework.transaction.PlatformTransactionManager.class))
			.execute((status) -> flow.start("approval", new Approval("doc-2", 60_000), named("Invoice 43", "globex"))
				.runId());

		WorkflowRunView first = flow.find(shared).orElseThrow();
		assertThat(first.name()).isEqualTo("Invoice 42");
		assertThat(first.metadata()).containsExactly(Map.entry("customer", "acme"), Map.entry("region", "eu"));
		WorkflowRunView second = flow.find(alone).orElseThrow();
		assertThat(second.name()).isEqualTo("Invoice 43");
		assertThat(second.metadata()).containsEntry("customer", "globex");
		assertThat(context.getBean(JdbcTemplate.class)
			.queryForObject("SELECT metadata->>'customer' FROM durableflow.workflow_runs WHERE run_id = ?",
					String.class, shared))
			.isEqualTo("acme");
	}

	@Test
	void aRunStartedWithoutThemHasNoNameAndEmptyMetadataStoredAsNull() {
		String runId = flow.start("approval", new Approval("doc-3", 60_000), StartOptions.defaults()).runId();

		WorkflowRunView run = flow.find(runId).orElseThrow();
		assertThat(run.name()).isNull();
		assertThat(run.metadata()).isEmpty();
		assertThat(context.getBean(JdbcTemplate.class)
			.queryForObject("SELECT metadata IS NULL AND name IS NULL FROM durableflow.workflow_runs WHERE run_id = ?",
					Boolean.class, runId))
			.isTrue();
	}

	@Test
	void runsAreFilteredByEveryMetadataPairGivenNewestFirstAndPagedByRunId() {
		String tenant = "tenant-" + System.nanoTime();
		List<String> eu = IntStream.range(0, 5)
			.mapToObj((i) -> flow
				.start("approval", new Approval("eu-" + i, 60_000),
						StartOptions.builder().metadata(Map.of("tenant", tenant, "region", "eu")).build())
				.runId())
			.toList();
		String us = flow
			.start("approval", new Approval("us", 60_000),
					StartOptions.builder().metadata(Map.of("tenant", tenant, "region", "us")).build())
			.runId();
		flow.start("sleepy", 10L, StartOptions.builder().metadata(Map.of("tenant", tenant, "region", "eu")).build());

		List<WorkflowRunView> euApprovals = flow.runs(RunQuery.builder()
			.workflowName("approval")
			.metadata("tenant", tenant)
			.metadata("region", "eu")
			.build());
		assertThat(euApprovals).extracting(WorkflowRunView::runId)
			.containsExactly(eu.get(4), eu.get(3), eu.get(2), eu.get(1), eu.get(0));
		assertThat(flow.runs(RunQuery.builder().metadata("tenant", tenant).build())).hasSize(7);
		assertThat(flow.runs(RunQuery.builder().metadata("tenant", tenant).metadata("region", "us").build()))
			.extracting(WorkflowRunView::runId)
			.containsExactly(us);
		// values match exactly: another case, a prefix or another key is no match
		assertThat(flow.runs(RunQuery.builder().metadata("tenant", tenant.toUpperCase()).build())).isEmpty();
		assertThat(flow.runs(RunQuery.builder().metadata("tenant", "tenant-").build())).isEmpty();
		assertThat(flow.runs(RunQuery.builder().metadata("region", tenant).build())).isEmpty();

		RunQuery.Builder page = RunQuery.builder().workflowName("approval").metadata("tenant", tenant).limit(2);
		List<WorkflowRunView> first = flow.runs(page.build());
		List<WorkflowRunView> second = flow.runs(page.before(first.get(1).runId()).build());
		assertThat(first).extracting(WorkflowRunView::runId).containsExactly(us, eu.get(4));
		assertThat(second).extracting(WorkflowRunView::runId).containsExactly(eu.get(3), eu.get(2));
		assertThat(flow.runs(RunQuery.builder().metadata("tenant", tenant).status(RunStatus.PENDING).build()))
			.hasSize(7);
		assertThat(flow.runs(RunQuery.builder().metadata("tenant", tenant).status(RunStatus.COMPLETED).build()))
			.isEmpty();
	}

	@Test
	void matchesOlderThanTheNewestTwoThousandRunsAreFoundThroughTheIndexAfterTheNewerOnes() {
		String tenant = "deep-" + System.nanoTime();
		List<String> old = IntStream.range(0, 3).mapToObj((i) -> startIn(tenant)).toList();
		// 2,100 newer runs without the tenant: more than the newest runs the filter looks
		// at before it asks the index
		context.getBean(JdbcTemplate.class).update("""
				INSERT INTO durableflow.workflow_runs (run_id, workflow_name, input, metadata)
				SELECT 'filler-' || ? || '-' || g, 'approval', '{}', jsonb_build_object('tenant', 'other')
				FROM generate_series(1, 2100) g""", tenant);
		List<String> recent = IntStream.range(0, 2).mapToObj((i) -> startIn(tenant)).toList();

		assertThat(flow.runs(RunQuery.builder().metadata("tenant", tenant).build())).extracting(WorkflowRunView::runId)
			.containsExactly(recent.get(1), recent.get(0), old.get(2), old.get(1), old.get(0));
		assertThat(flow.runs(RunQuery.builder().metadata("tenant", tenant).limit(3).build()))
			.extracting(WorkflowRunView::runId)
			.containsExactly(recent.get(1), recent.get(0), old.get(2));
		assertThat(flow.runs(RunQuery.builder().metadata("tenant", tenant).before(recent.get(0)).build()))
			.extracting(WorkflowRunView::runId)
			.containsExactly(old.get(2), old.get(1), old.get(0));
		assertThat(flow.runs(RunQuery.builder().metadata("tenant", "other").limit(500).build())).hasSize(500);
	}

	private static String startIn(String tenant) {
		return flow
			.start("approval", new Approval(tenant, 60_000),
					StartOptions.builder().metadata(Map.of("tenant", tenant)).build())
			.runId();
	}

	@Test
	void namesAndMetadataOutsideTheLimitsAreRefusedWithTheReason() {
		assertThatIllegalArgumentException().isThrownBy(() -> StartOptions.builder().name(" "))
			.withMessageContaining("not blank");
		assertThatIllegalArgumentException().isThrownBy(() -> StartOptions.builder().name("n".repeat(201)))
			.withMessageContaining("1 to 200");
		assertThat(StartOptions.builder().name("n".repeat(200)).build().name()).hasSize(200);
		assertThatIllegalArgumentException().isThrownBy(() -> StartOptions.builder().metadata(Map.of(" ", "x")))
			.withMessageContaining("must not be blank");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> StartOptions.builder().metadata(Map.of("customer=acme", "x")))
			.withMessageContaining("only letters, digits");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> StartOptions.builder().metadata(Map.of("k".repeat(65), "x")))
			.withMessageContaining("at most 64");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> StartOptions.builder().metadata(Map.of("note", "v".repeat(501))))
			.withMessageContaining("at most 500");
		Map<String, String> withNull = new HashMap<>();
		withNull.put("customer", null);
		assertThatIllegalArgumentException().isThrownBy(() -> StartOptions.builder().metadata(withNull))
			.withMessageContaining("'customer' has no value");
		Map<String, String> tooMany = new HashMap<>();
		IntStream.range(0, RunMetadata.MAX_ENTRIES + 1).forEach((i) -> tooMany.put("k" + i, "v"));
		assertThatIllegalArgumentException().isThrownBy(() -> StartOptions.builder().metadata(tooMany))
			.withMessageContaining("at most 64 entries; this one has 65");
		assertThatIllegalArgumentException().isThrownBy(() -> RunQuery.builder().metadata("", "acme"))
			.withMessageContaining("must not be blank");
		assertThatIllegalArgumentException().isThrownBy(() -> RunQuery.builder().limit(501))
			.withMessageContaining("1 to 500");
	}

	@Test
	void metadataIsStoredWhateverItsValuesHoldAndMatchedByExactValue() {
		String value = "O'Brien \"quoted\" {\"json\": true} ü";
		String runId = flow
			.start("approval", new Approval("odd", 60_000),
					StartOptions.builder().name("<script>alert(1)</script>").metadata(Map.of("who", value)).build())
			.runId();

		assertThat(flow.find(runId).orElseThrow().metadata()).containsExactly(Map.entry("who", value));
		assertThat(flow.runs(RunQuery.builder().metadata("who", value).build())).extracting(WorkflowRunView::runId)
			.containsExactly(runId);
	}

	private static StartOptions named(String name, String customer) {
		return StartOptions.builder().name(name).metadata(Map.of("customer", customer, "region", "eu")).build();
	}

}
