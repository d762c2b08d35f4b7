package io.durableflow.it;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.durableflow.ArtifactRef;
import io.durableflow.DurableFlow;
import io.durableflow.RunStatus;
import io.durableflow.StartOptions;
import io.durableflow.WorkflowArtifacts;
import io.durableflow.artifact.ArtifactStore;
import io.durableflow.artifact.FileSystemArtifactStore;
import io.durableflow.artifact.engine.ArtifactRemovals;
import io.durableflow.test.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static io.durableflow.it.Contexts.awaitStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Artifacts in files ({@code durableflow.artifacts.store=filesystem}). */
class ArtifactFileSystemTests {

	@TempDir
	static Path folder;

	static Path root;

	static ConfigurableApplicationContext context;

	static DurableFlow flow;

	static WorkflowArtifacts artifacts;

	static JdbcTemplate jdbc;

	@BeforeAll
	static void start() {
		root = folder.resolve("artifacts");
		context = Contexts.start(TestDatabase.newDatabase(), "durableflow.artifacts.store=filesystem",
				"durableflow.artifacts.filesystem.root=" + root, "durableflow.artifacts.removal-interval=200ms");
		flow = context.getBean(DurableFlow.class);
		artifacts = context.getBean(WorkflowArtifacts.class);
		jdbc = context.getBean(JdbcTemplate.class);
	}

	@AfterAll
	static void stop() {
		context.close();
	}

	@Test
	void theBytesAreInAFileNamedByTheIdAndTheMetadataInTheTable() throws Exception {
		assertThat(context.getBean(ArtifactStore.class)).isInstanceOf(FileSystemArtifactStore.class);
		String runId = flow.start("artifact-kinds", "files", StartOptions.defaults()).runId();
		awaitStatus(flow, runId, RunStatus.COMPLETED, Duration.ofSeconds(20));
		List<ArtifactRef> refs = artifacts.list(runId);
		assertThat(refs).extracting(ArtifactRef::name)
			.containsExactly("report.csv", "empty.txt", "page.html", "summary.txt");
		for (ArtifactRef ref : refs) {
			Path file = root.resolve(ref.id().substring(0, 2)).resolve(ref.id());
			assertThat(file).isRegularFile().hasSize(ref.size());
			try (InputStream in = artifacts.open(ref)) {
				assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(file));
			}
		}
		assertThat(
				new String(Files.readAllBytes(root.resolve(refs.get(0).id().substring(0, 2)).resolve(refs.get(0).id())),
						StandardCharsets.UTF_8))
			.isEqualTo("a,b\nfiles");
		assertThat(jdbc
			.queryForObject("SELECT count(*) FROM durableflow.workflow_artifacts WHERE run_id = ? AND body IS NULL "
					+ "AND store_location LIKE '__/%'", Integer.class, runId))
			.isEqualTo(4);
		// no temporary files left behind
		try (var files = Files.walk(root)) {
			assertThat(files.filter((f) -> f.toString().endsWith(".tmp")).toList()).isEmpty();
		}
	}

	@Test
	void overTheLimitNothingIsWrittenToTheFolder() throws Exception {
		String runId = flow.start("artifact-sized", 10 * 1024 * 1024 + 1, StartOptions.defaults()).runId();
		awaitStatus(flow, runId, RunStatus.FAILED, Duration.ofSeconds(20));
		assertThat(flow.find(runId).orElseThrow().error().orElseThrow().message()).contains("10485761 bytes",
				"limit of 10485760 bytes", "max-size=10MB");
		assertThat(jdbc.queryForObject("SELECT count(*) FROM durableflow.workflow_artifacts WHERE run_id = ?",
				Integer.class, runId))
			.isZero();
	}

	@Test
	void aDeletedRunsFilesAreDeletedByTheSweep() {
		String runId = flow.start("artifact-sized", 100, StartOptions.defaults()).runId();
		awaitStatus(flow, runId, RunStatus.COMPLETED, Duration.ofSeconds(20));
		ArtifactRef ref = artifacts.list(runId).get(0);
		Path file = root.resolve(ref.id().substring(0, 2)).resolve(ref.id());
		assertThat(file).exists();
		jdbc.update("DELETE FROM durableflow.workflow_runs WHERE run_id = ?", runId);
		assertThat(jdbc.queryForObject("SELECT count(*) FROM durableflow.workflow_artifacts WHERE run_id = ?",
				Integer.class, runId))
			.isZero();
		await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(file));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> jdbc.queryForObject("SELECT count(*) FROM durableflow.workflow_artifact_removals",
					Integer.class) == 0);
		// a second sweep has nothing left to do
		assertThat(context.getBean(ArtifactRemovals.class).sweep()).isZero();
	}

	@Test
	void removalsTheStoreKeepsRefusingNeverHoldUpTheOnesBehindThem() {
		String runId = flow.start("artifact-sized", 100, StartOptions.defaults()).runId();
		awaitStatus(flow, runId, RunStatus.COMPLETED, Duration.ofSeconds(20));
		ArtifactRef ref = artifacts.list(runId).get(0);
		Path file = root.resolve(ref.id().substring(0, 2)).resolve(ref.id());
		// more refused removals than one batch, queued ahead of the real one
		jdbc.update("INSERT INTO durableflow.workflow_artifact_removals (artifact_id) "
				+ "SELECT '../not-an-id-' || i FROM generate_series(1, 250) i");
		jdbc.update("DELETE FROM durableflow.workflow_runs WHERE run_id = ?", runId);
		await().atMost(Duration.ofSeconds(20)).until(() -> !Files.exists(file));
		assertThat(jdbc.queryForObject(
				"SELECT count(*) FROM durableflow.workflow_artifact_removals WHERE artifact_id LIKE '../not-an-id-%'",
				Integer.class))
			.as("the refused ones stay queued, for the next sweeps")
			.isEqualTo(250);
		jdbc.update("DELETE FROM durableflow.workflow_artifact_removals");
	}

	@Test
	void theStoreRefusesALocationOutsideItsRoot() {
		FileSystemArtifactStore store = context.getBean(FileSystemArtifactStore.class);
		ArtifactRef ref = new ArtifactRef("x", "x", "text/plain", 0, "s", java.time.Instant.now());
		assertThatThrownBy(() -> store.open(ref, "../../etc/passwd")).hasMessageContaining("is outside");
		assertThatThrownBy(() -> store.delete("../../etc/passwd", null)).hasMessageContaining("Not an artifact id");
	}

	@Test
	void theFilesystemStoreWithoutARootStopsTheStartWithAClearMessage() {
		assertThatThrownBy(
				() -> Contexts.start(TestDatabase.newDatabase(), "durableflow.artifacts.store=filesystem").close())
			.rootCause()
			.hasMessageContaining("durableflow.artifacts.store=filesystem needs durableflow.artifacts.filesystem.root");
	}

	@Test
	void aRootThatCannotBeWrittenStopsTheStartWithAClearMessage() throws Exception {
		Path notAFolder = Files.writeString(folder.resolve("a-file"), "x");
		assertThatThrownBy(() -> Contexts
			.start(TestDatabase.newDatabase(), "durableflow.artifacts.store=filesystem",
					"durableflow.artifacts.filesystem.root=" + notAFolder.resolve("artifacts"))
			.close())
			.hasStackTraceContaining("durableflow.artifacts.filesystem.root " + notAFolder.resolve("artifacts"))
			.hasStackTraceContaining("is not a folder DurableFlow can write artifacts to");
	}

}
