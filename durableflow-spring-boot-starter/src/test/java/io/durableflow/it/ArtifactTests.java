package io.durableflow.it;

import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.durableflow.ArtifactRef;
import io.durableflow.DurableFlow;
import io.durableflow.RunNotFoundException;
import io.durableflow.RunStatus;
import io.durableflow.StartOptions;
import io.durableflow.WorkflowArtifacts;
import io.durableflow.WorkflowRunView;
import io.durableflow.artifact.ArtifactStore;
import io.durableflow.artifact.JdbcArtifactStore;
import io.durableflow.artifact.engine.ArtifactWriter;
import io.durableflow.test.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static io.durableflow.it.ArtifactWorkflows.utf8;
import static io.durableflow.it.Contexts.awaitStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Artifacts in the default store (their row), with a limit of 1 KB. */
class ArtifactTests {

	static ConfigurableApplicationContext context;

	static DurableFlow flow;

	static WorkflowArtifacts artifacts;

	static JdbcTemplate jdbc;

	@BeforeAll
	static void start() {
		context = Contexts.start(TestDatabase.newDatabase(), "durableflow.artifacts.max-size=1KB");
		flow = context.getBean(DurableFlow.class);
		artifacts = context.getBean(WorkflowArtifacts.class);
		jdbc = context.getBean(JdbcTemplate.class);
	}

	@AfterAll
	static void stop() {
		context.close();
	}

	@Test
	void theDefaultStoreKeepsTheBytesInTheArtifactsRow() {
		assertThat(context.getBean(ArtifactStore.class)).isInstanceOf(JdbcArtifactStore.class);
	}

	@Test
	void artifactsOutsideAStepInsideAStepAndFromAnActionAreListedAndReadBack() throws Exception {
		String runId = flow.start("artifact-kinds", "hello", StartOptions.defaults()).runId();
		awaitStatus(flow, runId, RunStatus.COMPLETED, Duration.ofSeconds(20));
		List<ArtifactRef> refs = artifacts.list(runId);
		assertThat(refs).extracting(ArtifactRef::name)
			.containsExactly("report.csv", "empty.txt", "page.html", "summary.txt");
		assertThat(refs).extracting(ArtifactRef::stepName)
			.containsExactly("report.csv", "empty.txt", "render", "summarize");
		assertThat(refs).extracting(ArtifactRef::size).containsExactly(9L, 0L, 12L, 16L);
		assertThat(refs.get(2).contentType()).isEqualTo("text/html; charset=utf-8");
		assertThat(read(refs.get(0))).isEqualTo("a,b\nhello");
		assertThat(read(refs.get(1))).isEmpty();
		assertThat(read(refs.get(3))).isEqualTo("summary of hello");
		// the workflow got the same references the list gives
		Map<?, ?> output = flow.find(runId).orElseThrow().output(Map.class);
		assertThat(((Map<?, ?>) output.get("report")).get("id")).isEqualTo(refs.get(0).id());
		assertThat(((Map<?, ?>) output.get("fromAction")).get("id")).isEqualTo(refs.get(3).id());
		// an artifact outside a step is a step entry of its own, in the run's order
		assertThat(jdbc.queryForList("SELECT name FROM durableflow.workflow_steps WHERE run_id = ? ORDER BY seq",
				String.class, runId))
			.containsExactly("report.csv", "empty.txt", "render", "summarize");
		assertThat(jdbc.queryForObject("SELECT sha256 FROM durableflow.workflow_artifacts WHERE id = ?", String.class,
				refs.get(1).id()))
			.isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
		assertThat(artifacts.find(runId, refs.get(0).id())).contains(refs.get(0));
	}

	@Test
	void anArtifactOfExactlyTheLimitIsStored() {
		String runId = flow.start("artifact-sized", 1024, StartOptions.defaults()).runId();
		awaitStatus(flow, runId, RunStatus.COMPLETED, Duration.ofSeconds(20));
		assertThat(artifacts.list(runId)).singleElement().extracting(ArtifactRef::size).isEqualTo(1024L);
	}

	@Test
	void anArtifactOverTheLimitFailsItsStepWithArtifactTooLargeAndStoresNothing() {
		String runId = flow.start("artifact-sized", 1025, StartOptions.defaults()).runId();
		WorkflowRunView run = awaitStatus(flow, runId, RunStatus.FAILED, Duration.ofSeconds(20));
		assertThat(run.error()).hasValueSatisfying((error) -> {
			assertThat(error.code()).isEqualTo("artifact_too_large");
			assertThat(error.retryable()).isFalse();
			assertThat(error.message()).contains("'blob.bin'", "1025 bytes", "limit of 1024 bytes",
					"durableflow.artifacts.max-size=1KB");
		});
		assertThat(jdbc.queryForObject("SELECT status FROM durableflow.workflow_steps WHERE run_id = ? AND name = ?",
				String.class, runId, "blob.bin"))
			.isEqualTo("failed");
		assertThat(jdbc.queryForObject("SELECT count(*) FROM durableflow.workflow_artifacts WHERE run_id = ?",
				Integer.class, runId))
			.isZero();
		assertThat(artifacts.list(runId)).isEmpty();
	}

	@Test
	void aRunThatFailsAfterStoringAnArtifactAndIsRetriedStoresNoSecondOne() {
		String runId = flow.start("artifact-then-fail", "first", StartOptions.defaults()).runId();
		awaitStatus(flow, runId, RunStatus.FAILED, Duration.ofSeconds(20));
		List<ArtifactRef> before = artifacts.list(runId);
		assertThat(before).hasSize(1);
		flow.retryStep(runId, "boom");
		WorkflowRunView run = awaitStatus(flow, runId, RunStatus.COMPLETED, Duration.ofSeconds(20));
		assertThat(ArtifactWorkflows.booms.get(runId)).hasValue(2);
		assertThat(artifacts.list(runId)).isEqualTo(before);
		assertThat(run.output(Map.class).get("id")).isEqualTo(before.get(0).id());
		assertThat(jdbc.queryForObject("SELECT count(*) FROM durableflow.workflow_artifacts WHERE run_id = ?",
				Integer.class, runId))
			.isEqualTo(1);
	}

	@Test
	void aStepRetriedAfterStoringAnArtifactGetsTheFirstAttemptsArtifactBack() throws Exception {
		String runId = flow.start("artifact-in-retried-step", "data", StartOptions.defaults()).runId();
		WorkflowRunView run = awaitStatus(flow, runId, RunStatus.COMPLETED, Duration.ofSeconds(20));
		assertThat(ArtifactWorkflows.booms.get(runId)).hasValue(2);
		ArtifactRef only = artifacts.list(runId).get(0);
		assertThat(artifacts.list(runId)).hasSize(1);
		assertThat(read(only)).isEqualTo("data attempt 1");
		assertThat(((Map<?, ?>) run.output(List.class).get(0)).get("id")).isEqualTo(only.id());
	}

	@Test
	void anArtifactStoredInATransactionalStepThatRollsBackIsKeptAndReusedByTheRetry() throws Exception {
		String runId = flow.start("artifact-in-transaction", "tx", StartOptions.defaults()).runId();
		WorkflowRunView run = awaitStatus(flow, runId, RunStatus.COMPLETED, Duration.ofSeconds(20));
		assertThat(ArtifactWorkflows.booms.get(runId)).hasValue(2);
		assertThat(artifacts.list(runId)).hasSize(1);
		ArtifactRef only = artifacts.list(runId).get(0);
		assertThat(read(only)).isEqualTo("tx attempt 1");
		assertThat(only.stepName()).isEqualTo("tx");
		assertThat(run.output(Map.class).get("id")).isEqualTo(only.id());
	}

	@Test
	void aReplayAfterACrashBetweenStoringAndRecordingTheStepReusesTheStoredRow() throws Exception {
		String runId = flow.start("artifact-sized", 3, StartOptions.builder().delay(Duration.ofSeconds(2)).build())
			.runId();
		// what a crash leaves: the row and its bytes, stored, and no step entry recorded
		ArtifactRef orphan = context.getBean(ArtifactWriter.class)
			.store(runId, "blob.bin", "blob.bin", "application/octet-stream", utf8("abc"));
		WorkflowRunView run = awaitStatus(flow, runId, RunStatus.COMPLETED, Duration.ofSeconds(20));
		assertThat(run.output(Map.class).get("id")).isEqualTo(orphan.id());
		assertThat(artifacts.list(runId)).containsExactly(orphan);
		assertThat(read(orphan)).isEqualTo("abc");
	}

	@Test
	void aNameOrContentTypeThatCannotBeServedFailsTheRunWithAClearMessage() {
		assertFailsWith(Map.of("name", "../etc/passwd", "contentType", "text/plain"), "'/'");
		assertFailsWith(Map.of("name", " ", "contentType", "text/plain"), "not blank");
		assertFailsWith(Map.of("name", "a\nb", "contentType", "text/plain"), "control character");
		assertFailsWith(Map.of("name", "ok.txt", "contentType", "text"), "not a media type");
		assertFailsWith(Map.of("name", "ok.txt", "contentType", "text/plain\r\nX-Evil: 1"), "printable ASCII");
		assertFailsWith(Map.of("name", "ok.txt", "contentType", "*/*"), "wildcard");
		assertThat(jdbc.queryForObject(
				"SELECT count(*) FROM durableflow.workflow_artifacts a JOIN "
						+ "durableflow.workflow_runs r ON r.run_id = a.run_id WHERE r.workflow_name = 'artifact-named'",
				Integer.class))
			.isZero();
	}

	@Test
	void theSameArtifactNameTwiceInOneStepIsRefused() {
		String runId = flow.start("artifact-twice", "x", StartOptions.defaults()).runId();
		WorkflowRunView run = awaitStatus(flow, runId, RunStatus.FAILED, Duration.ofSeconds(30));
		assertThat(run.error().orElseThrow().message()).contains("'same.txt' is used twice in step 'both'");
	}

	@Test
	void aDeletedRunTakesItsArtifactsRowsAndBytesWithIt() {
		String runId = flow.start("artifact-sized", 10, StartOptions.defaults()).runId();
		awaitStatus(flow, runId, RunStatus.COMPLETED, Duration.ofSeconds(20));
		assertThat(artifacts.list(runId)).hasSize(1);
		jdbc.update("DELETE FROM durableflow.workflow_runs WHERE run_id = ?", runId);
		assertThat(jdbc.queryForObject("SELECT count(*) FROM durableflow.workflow_artifacts WHERE run_id = ?",
				Integer.class, runId))
			.isZero();
		// the bytes were in the row: nothing is left for the sweep
		assertThat(jdbc.queryForObject("SELECT count(*) FROM durableflow.workflow_artifact_removals", Integer.class))
			.isZero();
		assertThatThrownBy(() -> artifacts.list(runId)).isInstanceOf(RunNotFoundException.class);
	}

	private static void assertFailsWith(Map<String, String> input, String message) {
		String runId = flow.start("artifact-named", input, StartOptions.defaults()).runId();
		WorkflowRunView run = awaitStatus(flow, runId, RunStatus.FAILED, Duration.ofSeconds(20));
		assertThat(run.error().orElseThrow().message()).as(input.toString()).contains(message);
		assertThat(run.error().orElseThrow().type()).isEqualTo(IllegalArgumentException.class.getName());
	}

	static String read(ArtifactRef ref) throws Exception {
		try (InputStream in = artifacts.open(ref)) {
			return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
		}
	}

}
