package io.durableflow.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.durableflow.DefinitionInUseException;
import io.durableflow.definition.stored.DefinitionStore;
import io.durableflow.definition.stored.DefinitionSync;
import io.durableflow.definition.stored.StoredDefinition;
import io.durableflow.test.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The registrar on real PostgreSQL: pack folders registered at start-up, a changed file
 * makes one more revision (every revision kept), racing instances make one, problems are
 * reported and never stop the good files, delete is refused while runs are unfinished.
 */
class DefinitionRegistrarTests {

	private static final String GOOD = """
			version: "1.0.0"
			label: Review
			tags: [docs]
			parameters:
			  title: {type: string, required: true}
			tasks:
			  - name: check
			    action: core.echo
			    input:
			      title: "{{ parameters.title }}"
			""";

	private static final String BAD = """
			version: "1.0.0"
			tasks:
			  - name: first
			    action: core.echo
			    next:
			      - do: [nowhere]
			""";

	@TempDir
	Path packs;

	@Test
	void packsAreRegisteredAtStartUpAndAChangedFileMakesOneMoreRevision() throws Exception {
		write("docs", "review", GOOD);
		write("docs", "broken", BAD);
		String url = TestDatabase.newDatabase();
		try (ConfigurableApplicationContext context = start(url)) {
			DefinitionSync.Report report = context.getBean(DefinitionSync.class).last();
			assertThat(report.registered()).containsExactly("docs.review");
			assertThat(report.errors()).singleElement().satisfies((problem) -> {
				assertThat(problem.file()).endsWith("broken.yaml");
				assertThat(problem.line()).isEqualTo(6);
				assertThat(problem.message()).contains("nowhere");
			});
			StoredDefinition review = context.getBean(DefinitionStore.class).find("docs.review").orElseThrow();
			assertThat(review.revision()).isEqualTo(1);
			assertThat(review.tags()).containsExactly("docs");
			assertThat(review.origin()).isEqualTo("file");
			assertThat(review.source()).isEqualTo(GOOD);
			assertThat(review.parametersJson()).contains("\"required\": [\"title\"]");
			assertThat(context.getBean(DefinitionStore.class).find("docs.broken")).isEmpty();
		}
		try (ConfigurableApplicationContext context = start(url)) {
			assertThat(context.getBean(DefinitionSync.class).last().unchanged()).containsExactly("docs.review");
		}
		write("docs", "review", GOOD.replace("label: Review", "label: Review again"));
		try (ConfigurableApplicationContext context = start(url)) {
			DefinitionStore store = context.getBean(DefinitionStore.class);
			assertThat(context.getBean(DefinitionSync.class).last().updated()).containsExactly("docs.review");
			assertThat(store.find("docs.review").orElseThrow().revision()).isEqualTo(2);
			assertThat(store.find("docs.review").orElseThrow().label()).isEqualTo("Review again");
			assertThat(store.revisions("docs.review")).extracting(StoredDefinition::revision).containsExactly(2, 1);
			assertThat(store.revision("docs.review", 1).orElseThrow().source()).isEqualTo(GOOD);
		}
	}

	@Test
	void instancesRegisteringTheSameChangeAtOnceMakeOneRevision() throws Exception {
		write("docs", "review", GOOD);
		String url = TestDatabase.newDatabase();
		try (ConfigurableApplicationContext first = start(url)) {
			DefinitionStore store = first.getBean(DefinitionStore.class);
			write("docs", "review", GOOD.replace("1.0.0", "1.1.0"));
			DefinitionSync sync = first.getBean(DefinitionSync.class);
			ExecutorService pool = Executors.newFixedThreadPool(4);
			try {
				List<Future<DefinitionSync.Report>> reports = new ArrayList<>();
				for (int i = 0; i < 4; i++) {
					reports.add(pool.submit((Callable<DefinitionSync.Report>) sync::sync));
				}
				int updated = 0;
				for (Future<DefinitionSync.Report> report : reports) {
					updated += report.get().updated().size();
				}
				assertThat(updated).isEqualTo(1);
			}
			finally {
				pool.shutdownNow();
			}
			assertThat(store.revisions("docs.review")).extracting(StoredDefinition::version)
				.containsExactly("1.1.0", "1.0.0");
		}
	}

	@Test
	void aDefinitionWithUnfinishedRunsIsNotDeletedAndItsRevisionsOutliveIt() throws Exception {
		write("docs", "review", GOOD);
		try (ConfigurableApplicationContext context = start(TestDatabase.newDatabase())) {
			DefinitionStore store = context.getBean(DefinitionStore.class);
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			jdbc.update("INSERT INTO durableflow.workflow_runs (run_id, workflow_name, status, definition_revision) "
					+ "VALUES ('r-1', 'docs.review', 'waiting', 1)");
			assertThatExceptionOfType(DefinitionInUseException.class).isThrownBy(() -> store.delete("docs.review"))
				.withMessage("Definition 'docs.review' has 1 unfinished run; cancel them or let them finish first");
			jdbc.update("UPDATE durableflow.workflow_runs SET status = 'completed' WHERE run_id = 'r-1'");
			assertThat(store.delete("docs.review")).isTrue();
			assertThat(store.delete("docs.review")).isFalse();
			assertThat(store.find("docs.review")).isEmpty();
			assertThat(store.revision("docs.review", 1)).isPresent();
		}
	}

	@Test
	void aRefTakenByACodeWorkflowIsAProblemOfItsFile() throws Exception {
		// docs.coded is a @DurableWorkflow of the test application (ActionWorkflows)
		write("docs", "coded", GOOD);
		write("docs", "review", GOOD);
		try (ConfigurableApplicationContext context = start(TestDatabase.newDatabase())) {
			DefinitionSync.Report report = context.getBean(DefinitionSync.class).last();
			assertThat(report.registered()).containsExactly("docs.review");
			assertThat(report.errors()).singleElement()
				.satisfies((problem) -> assertThat(problem.message())
					.contains("'docs.coded' is the name of bean 'actionWorkflows.Coded'"));
		}
	}

	@Test
	void failOnErrorStopsTheStartUpNamingFileLineAndColumn() throws Exception {
		write("docs", "broken", BAD);
		String url = TestDatabase.newDatabase();
		assertThatException()
			.isThrownBy(() -> Contexts.start(url, "durableflow.definitions.locations=file:" + this.packs + "/",
					"durableflow.definitions.fail-on-error=true"))
			.satisfies((ex) -> assertThat(messages(ex)).contains("broken.yaml:6:"));
	}

	private ConfigurableApplicationContext start(String url) {
		return Contexts.start(url, "durableflow.definitions.locations=file:" + this.packs + "/");
	}

	private void write(String pack, String name, String yaml) throws Exception {
		Path dir = this.packs.resolve(pack).resolve("workflows");
		Files.createDirectories(dir);
		Files.writeString(dir.resolve(name + ".yaml"), yaml);
	}

	private static String messages(Throwable ex) {
		StringBuilder all = new StringBuilder();
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			all.append(cause.getMessage()).append('\n');
		}
		return all.toString();
	}

}
