package io.durableflow.defs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.durableflow.DefinitionExistsException;
import io.durableflow.DefinitionInUseException;
import io.durableflow.DefinitionNotStartableException;
import io.durableflow.DurableFlow;
import io.durableflow.InvalidDefinitionException;
import io.durableflow.InvalidParametersException;
import io.durableflow.MalformedDefinitionException;
import io.durableflow.RunStatus;
import io.durableflow.StartOptions;
import io.durableflow.UnknownDefinitionException;
import io.durableflow.UnknownPackException;
import io.durableflow.UnknownWorkflowException;
import io.durableflow.WorkflowDefinitionView;
import io.durableflow.WorkflowDefinitions;
import io.durableflow.WorkflowDefinitions.Format;
import io.durableflow.WorkflowRunView;
import io.durableflow.it.Contexts;
import io.durableflow.test.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The {@link WorkflowDefinitions} bean on real PostgreSQL, with a definition executor
 * that completes with what it was given: posted definitions become workflows at once,
 * start by ref with their parameters checked and defaulted, pin their revision, and every
 * refusal says why and changes nothing.
 */
class WorkflowDefinitionsTests {

	static final String REVIEW = """
			ref: docs.review
			version: "1.0.0"
			label: Review
			tags: [docs]
			parameters:
			  title: {type: string, required: true}
			  reviewers: {type: integer, default: 2, minimum: 1}
			tasks:
			  - name: check
			    action: core.echo
			""";

	@TempDir
	Path packs;

	@Test
	void aPostedDefinitionStartsByRefWithItsDefaultsAndPinsItsRevision() {
		try (ConfigurableApplicationContext context = start(true)) {
			WorkflowDefinitions definitions = context.getBean(WorkflowDefinitions.class);
			DurableFlow flow = context.getBean(DurableFlow.class);
			WorkflowDefinitions.Details created = definitions.create(REVIEW, Format.YAML);
			assertThat(created.revision()).isEqualTo(1);
			assertThat(created.origin()).isEqualTo("api");
			assertThat(created.source()).isEqualTo(REVIEW);
			assertThat(created.parameters()).containsEntry("required", java.util.List.of("title"));
			assertThat(created.startable()).isTrue();
			assertThat(flow.definitions())
				.contains(new WorkflowDefinitionView("docs.review", WorkflowDefinitionView.YAML, 1,
						"java.util.LinkedHashMap<java.lang.String,java.lang.Object>", "java.lang.Object"));

			String runId = definitions.start("docs.review", Map.of("title", "Plan"), "review-1").runId();
			WorkflowRunView run = Contexts.awaitStatus(flow, runId, RunStatus.COMPLETED, Duration.ofSeconds(10));
			assertThat(run.workflowName()).isEqualTo("docs.review");
			assertThat(run.output(Map.class)).isEqualTo(
					Map.of("ref", "docs.review", "revision", 1, "parameters", Map.of("title", "Plan", "reviewers", 2)));
			assertThat(revisionOf(context, runId)).isEqualTo(1);

			definitions.update("docs.review", REVIEW.replace("1.0.0", "1.1.0").replace("ref: docs.review\n", ""),
					Format.YAML);
			String second = flow.start("docs.review", Map.of("title", "Plan", "reviewers", 5), StartOptions.defaults())
				.runId();
			assertThat(
					Contexts.awaitStatus(flow, second, RunStatus.COMPLETED, Duration.ofSeconds(10)).output(Map.class))
				.containsEntry("revision", 2);
			assertThat(revisionOf(context, second)).isEqualTo(2);
			assertThat(definitions.versions("docs.review"))
				.extracting(WorkflowDefinitions.Revision::revision, WorkflowDefinitions.Revision::version,
						WorkflowDefinitions.Revision::current)
				.containsExactly(org.assertj.core.groups.Tuple.tuple(2, "1.1.0", true),
						org.assertj.core.groups.Tuple.tuple(1, "1.0.0", false));
			assertThat(definitions.find("docs.review", 1).orElseThrow().source()).isEqualTo(REVIEW);
		}
	}

	@Test
	void theTaskGraphExecutorRunsAPostedDefinitionWithItsParametersDefaulted() {
		try (ConfigurableApplicationContext context = Contexts.start(TestDatabase.newDatabase(),
				"durableflow.definitions.locations=file:" + this.packs + "/")) {
			WorkflowDefinitions definitions = context.getBean(WorkflowDefinitions.class);
			definitions.create(REVIEW + """
					    input:
					      title: "{{ parameters.title }}"
					output_map:
					  title: "{{ task.check.title }}"
					  reviewers: "{{ parameters.reviewers }}"
					""", Format.YAML);
			DurableFlow flow = context.getBean(DurableFlow.class);
			String runId = definitions.start("docs.review", Map.of("title", "Plan"), null).runId();
			WorkflowRunView run = Contexts.awaitStatus(flow, runId, RunStatus.COMPLETED, Duration.ofSeconds(15));
			assertThat(run.output(Map.class)).isEqualTo(Map.of("title", "Plan", "reviewers", 2));
			assertThat(flow.timeline(runId).steps()).extracting((step) -> step.name()).contains("check");
			assertThat(revisionOf(context, runId)).isEqualTo(1);
		}
	}

	@Test
	void parametersThatDoNotFitAreRefusedWithEveryErrorAndStartNothing() {
		try (ConfigurableApplicationContext context = start(true)) {
			WorkflowDefinitions definitions = context.getBean(WorkflowDefinitions.class);
			definitions.create(REVIEW, Format.YAML);
			assertThatExceptionOfType(InvalidParametersException.class)
				.isThrownBy(() -> definitions.start("docs.review", Map.of("reviewers", 0), null))
				.satisfies((ex) -> assertThat(ex.errors()).extracting(InvalidParametersException.ParameterError::path)
					.containsExactlyInAnyOrder("title", "reviewers"));
			// a definition is started like a workflow, with the same check
			assertThatExceptionOfType(InvalidParametersException.class)
				.isThrownBy(() -> context.getBean(DurableFlow.class)
					.start("docs.review", Map.of("title", 7), StartOptions.defaults()));
			assertThat(runs(context)).isZero();
			assertThatExceptionOfType(UnknownWorkflowException.class)
				.isThrownBy(() -> definitions.start("docs.nothing", Map.of(), null));
		}
	}

	@Test
	void badTextsAreRefusedSayingWhereAndRegisterNothing() {
		try (ConfigurableApplicationContext context = start(true)) {
			WorkflowDefinitions definitions = context.getBean(WorkflowDefinitions.class);
			assertThatExceptionOfType(MalformedDefinitionException.class)
				.isThrownBy(() -> definitions.create("ref: docs.x\nversion: [1\ntasks: []\n", Format.YAML))
				.satisfies((ex) -> assertThat(ex.line()).isEqualTo(3));
			assertThatExceptionOfType(MalformedDefinitionException.class)
				.isThrownBy(() -> definitions.create("{\"ref\": \"docs.x\",\n \"version\": }", Format.JSON))
				.satisfies((ex) -> {
					assertThat(ex.line()).isEqualTo(2);
					assertThat(ex.column()).isGreaterThan(1);
				});
			assertThatExceptionOfType(InvalidDefinitionException.class).isThrownBy(() -> definitions.create("""
					ref: docs.bad
					tasks:
					  - name: a
					    action: core.echo
					    next:
					      - do: [nowhere]
					  - name: a
					    action: core.echo
					""", Format.YAML)).satisfies((ex) -> {
				assertThat(ex.errors()).hasSizeGreaterThanOrEqualTo(3);
				assertThat(ex.errors()).extracting(WorkflowDefinitions.Problem::message)
					.anySatisfy((message) -> assertThat(message).contains("version"))
					.anySatisfy((message) -> assertThat(message).contains("nowhere"));
				assertThat(ex.errors()).allSatisfy((error) -> assertThat(error.line()).isPositive());
			});
			assertThatExceptionOfType(DefinitionExistsException.class)
				.isThrownBy(() -> definitions.create(REVIEW.replace("docs.review", "docs.coded"), Format.YAML))
				.withMessageContaining("docs.coded")
				.withMessageContaining("bean '");
			definitions.create(REVIEW, Format.YAML);
			assertThatExceptionOfType(DefinitionExistsException.class)
				.isThrownBy(() -> definitions.create(REVIEW, Format.YAML))
				.withMessageContaining("posted over the API");
			assertThatExceptionOfType(InvalidDefinitionException.class)
				.isThrownBy(() -> definitions.update("docs.review",
						REVIEW.replace("ref: docs.review", "ref: docs.other"), Format.YAML))
				.satisfies((ex) -> assertThat(ex.getMessage()).contains("docs.other"));
			assertThatExceptionOfType(UnknownDefinitionException.class)
				.isThrownBy(() -> definitions.update("docs.none", REVIEW, Format.YAML));
			assertThat(definitions.versions("docs.review")).hasSize(1);
		}
	}

	@Test
	void aDefinitionInUseIsNotDeletedAndARefDeletedAndPostedAgainGoesOnFromItsLastRevision() {
		try (ConfigurableApplicationContext context = start(true)) {
			WorkflowDefinitions definitions = context.getBean(WorkflowDefinitions.class);
			DurableFlow flow = context.getBean(DurableFlow.class);
			definitions.create(REVIEW, Format.YAML);
			String done = definitions.start("docs.review", Map.of("title", "a"), null).runId();
			Contexts.awaitStatus(flow, done, RunStatus.COMPLETED, Duration.ofSeconds(10));
			context.getBean(JdbcTemplate.class)
				.update("INSERT INTO durableflow.workflow_runs (run_id, workflow_name, status, definition_revision) "
						+ "VALUES ('held', 'docs.review', 'waiting', 1)");
			assertThatExceptionOfType(DefinitionInUseException.class)
				.isThrownBy(() -> definitions.delete("docs.review"))
				.satisfies((ex) -> assertThat(ex.unfinishedRuns()).isEqualTo(1));
			context.getBean(JdbcTemplate.class)
				.update("UPDATE durableflow.workflow_runs SET status = 'cancelled' WHERE run_id = 'held'");
			definitions.delete("docs.review");
			assertThat(definitions.find("docs.review")).isEmpty();
			assertThatExceptionOfType(UnknownWorkflowException.class)
				.isThrownBy(() -> flow.start("docs.review", Map.of("title", "a"), StartOptions.defaults()));
			assertThat(flow.find(done).orElseThrow().status()).isEqualTo(RunStatus.COMPLETED);
			assertThatExceptionOfType(UnknownDefinitionException.class)
				.isThrownBy(() -> definitions.delete("docs.review"));
			assertThat(definitions.create(REVIEW, Format.YAML).revision()).isEqualTo(2);
		}
	}

	@Test
	void withoutAnExecutorDefinitionsAreListedButAStartIsRefusedSayingWhy() {
		try (ConfigurableApplicationContext context = start(false)) {
			WorkflowDefinitions definitions = context.getBean(WorkflowDefinitions.class);
			assertThat(definitions.create(REVIEW, Format.YAML).startable()).isFalse();
			assertThat(definitions.list(null, "docs", null, 1, 10).items()).singleElement()
				.satisfies((item) -> assertThat(item.startable()).isFalse());
			assertThatExceptionOfType(DefinitionNotStartableException.class)
				.isThrownBy(() -> definitions.start("docs.review", Map.of("title", "a"), null))
				.withMessageContaining("no DefinitionExecutor bean");
			assertThat(runs(context)).isZero();
		}
	}

	@Test
	void aPackIsValidatedAndSyncedAndItsFilesThatFailAreKept() throws Exception {
		write("ops", "deploy", REVIEW.replace("ref: docs.review\n", ""));
		write("ops", "broken",
				"version: \"1\"\ntasks:\n  - name: a\n    action: core.echo\n    next:\n      - do: [b]\n");
		try (ConfigurableApplicationContext context = start(true)) {
			WorkflowDefinitions definitions = context.getBean(WorkflowDefinitions.class);
			assertThat(definitions.find("ops.deploy")).isPresent();
			assertThat(definitions.unregistered()).singleElement().satisfies((file) -> {
				assertThat(file.file()).isEqualTo("ops/workflows/broken.yaml");
				assertThat(file.errors()).singleElement().satisfies((error) -> assertThat(error.line()).isEqualTo(6));
			});
			write("ops", "broken", "version: \"1\"\ntasks:\n  - name: a\n    action: core.echo\n");
			WorkflowDefinitions.PackValidation validation = definitions.validatePack("ops");
			assertThat(validation.valid()).isTrue();
			assertThat(definitions.find("ops.broken")).isEmpty();
			WorkflowDefinitions.PackSync sync = definitions.syncPack("ops");
			assertThat(sync.registered()).containsExactly("ops.broken");
			assertThat(sync.unchanged()).containsExactly("ops.deploy");
			assertThat(definitions.unregistered()).isEmpty();
			assertThat(context.getBean(DurableFlow.class).start("ops.broken", Map.of(), StartOptions.defaults()))
				.isNotNull();
			assertThatExceptionOfType(UnknownPackException.class).isThrownBy(() -> definitions.syncPack("nope"));
			assertThatExceptionOfType(UnknownPackException.class).isThrownBy(() -> definitions.validatePack("nope"));
		}
	}

	@Test
	void listsShowCodeWorkflowsFirstThenDefinitionsByRefPageByPage() {
		try (ConfigurableApplicationContext context = start(true)) {
			WorkflowDefinitions definitions = context.getBean(WorkflowDefinitions.class);
			for (String name : new String[] { "b", "a", "c" }) {
				definitions.create(REVIEW.replace("docs.review", "zz." + name), Format.YAML);
			}
			long code = context.getBean(DurableFlow.class)
				.definitions()
				.stream()
				.filter((workflow) -> !workflow.source().equals(WorkflowDefinitionView.YAML))
				.count();
			WorkflowDefinitions.Page all = definitions.list(null, null, null, 1, 200);
			assertThat(all.total()).isEqualTo(code + 3);
			assertThat(all.items().subList((int) code, (int) code + 3)).extracting(WorkflowDefinitions.Summary::ref)
				.containsExactly("zz.a", "zz.b", "zz.c");
			WorkflowDefinitions.Page straddling = definitions.list(null, null, null, 2, (int) code - 1);
			assertThat(straddling.items()).extracting(WorkflowDefinitions.Summary::ref)
				.startsWith(all.items().get((int) code - 1).ref(), "zz.a");
			assertThat(definitions.list("zz", null, "B", 1, 10).items()).extracting(WorkflowDefinitions.Summary::ref)
				.containsExactly("zz.b");
		}
	}

	@Test
	void aDefinitionPostedOnOneInstanceIsStartableOnAnother() {
		String url = TestDatabase.newDatabase();
		try (ConfigurableApplicationContext first = start(url, true);
				ConfigurableApplicationContext second = start(url, true)) {
			first.getBean(WorkflowDefinitions.class).create(REVIEW, Format.YAML);
			DurableFlow other = second.getBean(DurableFlow.class);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> other.definitions()
					.stream()
					.anyMatch((workflow) -> workflow.name().equals("docs.review")));
			String runId = other.start("docs.review", Map.of("title", "there"), StartOptions.defaults()).runId();
			assertThat(
					Contexts.awaitStatus(other, runId, RunStatus.COMPLETED, Duration.ofSeconds(10)).output(Map.class))
				.containsEntry("revision", 1);
		}
	}

	private ConfigurableApplicationContext start(boolean executor) {
		return start(TestDatabase.newDatabase(), executor);
	}

	private ConfigurableApplicationContext start(String url, boolean executor) {
		return Contexts.start(
				executor ? new Class<?>[] { EchoDefinitionExecutor.class } : new Class<?>[] { NoExecutor.class }, url,
				"durableflow.definitions.locations=file:" + this.packs + "/");
	}

	/**
	 * An application without the task-graph executor (one that replaced the
	 * auto-configuration's beans).
	 */
	@Configuration(proxyBeanMethods = false)
	static class NoExecutor {

		@Bean
		static BeanDefinitionRegistryPostProcessor withoutTheDefinitionExecutor() {
			return (registry) -> registry.removeBeanDefinition("durableFlowDefinitionExecutor");
		}

	}

	private void write(String pack, String name, String yaml) throws Exception {
		Path dir = this.packs.resolve(pack).resolve("workflows");
		Files.createDirectories(dir);
		Files.writeString(dir.resolve(name + ".yaml"), yaml);
	}

	private static Integer revisionOf(ConfigurableApplicationContext context, String runId) {
		return context.getBean(JdbcTemplate.class)
			.queryForObject("SELECT definition_revision FROM durableflow.workflow_runs WHERE run_id = ?", Integer.class,
					runId);
	}

	private static long runs(ConfigurableApplicationContext context) {
		return context.getBean(JdbcTemplate.class)
			.queryForObject("SELECT count(*) FROM durableflow.workflow_runs", Long.class);
	}

}
