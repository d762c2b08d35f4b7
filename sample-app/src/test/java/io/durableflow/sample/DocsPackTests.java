package io.durableflow.sample;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.durableflow.definition.stored.DefinitionSync;
import io.durableflow.sample.checks.CheckInput;
import io.durableflow.ui.TaskGraphSvg;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's YAML pack ({@code src/main/resources/durableflow/packs/docs}) is found at
 * start-up by the default location and registered without a single problem: no error, and
 * no warning either, since every action it names is one of the app's.
 */
@SpringBootTest(properties = { "sample.embedded-postgres.data-dir=", "durableflow.worker.enabled=false" })
class DocsPackTests {

	private static final List<String> CHECK_INPUT = Arrays.stream(CheckInput.class.getRecordComponents())
		.map(RecordComponent::getName)
		.toList();

	@Autowired
	DefinitionSync sync;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void theDocsPackIsRegisteredAtStartUpWithoutAnyProblem() {
		DefinitionSync.Report report = this.sync.last();

		assertThat(report).isNotNull();
		assertThat(report.problems()).isEmpty();
		assertThat(report.registered()).containsExactlyInAnyOrder("docs.review_checks", "docs.sequential_checks");
		assertThat(this.jdbc.queryForList(
				"SELECT ref, origin, revision FROM durableflow.workflow_definitions WHERE pack = 'docs' ORDER BY ref"))
			.containsExactly(Map.of("ref", "docs.review_checks", "origin", "file", "revision", 1),
					Map.of("ref", "docs.sequential_checks", "origin", "file", "revision", 1));
	}

	@Test
	void theReviewRunsTheThreeChecksAtOnceAndBranchesOnTheirCount() {
		Map<String, Object> review = definition("docs.review_checks");
		List<Map<String, Object>> tasks = list(review.get("tasks"));

		Map<String, Object> checks = tasks.get(0);
		assertThat(checks).containsEntry("name", "checks").containsEntry("type", "parallel");
		assertThat(list(checks.get("tasks"))).extracting((task) -> task.get("action"))
			.containsExactly("docs.broken_links", "docs.typo_check", "docs.style_guide");
		Map<String, Object> triage = tasks.stream()
			.filter((task) -> "triage".equals(task.get("name")))
			.findFirst()
			.orElseThrow();
		assertThat(list(triage.get("next"))).extracting((transition) -> transition.get("do"))
			.containsExactly(List.of("accept"), List.of("ask_editor"), List.of("note_findings"));
		assertThat(list(triage.get("next")).get(2)).containsEntry("otherwise", true);
		assertThat(TaskGraphSvg.render(review)).contains("data-task=\"checks\"", "data-task=\"broken_links\"",
				"data-task=\"triage\"", "edge-otherwise", "edge-failed");
	}

	@Test
	void theSequentialChecksHandleEachFailure() {
		Map<String, Object> sequential = definition("docs.sequential_checks");
		List<Map<String, Object>> tasks = list(sequential.get("tasks"));

		assertThat(tasks).extracting((task) -> task.get("name"))
			.containsExactly("typos", "style", "links", "links_not_checked", "summary", "check_failed");
		for (Map<String, Object> task : tasks.subList(0, 3)) {
			assertThat(list(task.get("next"))).extracting((transition) -> transition.get("when"))
				.contains("{{ failed() }}");
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void everyCheckIsGivenExactlyWhatItReadsACheckInput() {
		List<Map<String, Object>> checks = new ArrayList<>();
		for (String ref : List.of("docs.review_checks", "docs.sequential_checks")) {
			collect(list(definition(ref).get("tasks")), checks);
		}

		assertThat(checks).hasSize(6);
		assertThat(checks).allSatisfy((task) -> assertThat(((Map<String, ?>) task.get("input")).keySet())
			.containsExactlyInAnyOrderElementsOf(CHECK_INPUT));
	}

	private Map<String, Object> definition(String ref) {
		String json = this.jdbc.queryForObject(
				"SELECT definition::text FROM durableflow.workflow_definitions WHERE ref = ?", String.class, ref);
		return JsonMapper.shared().readValue(json, new TypeReference<Map<String, Object>>() {
		});
	}

	private static void collect(List<Map<String, Object>> tasks, List<Map<String, Object>> checks) {
		for (Map<String, Object> task : tasks) {
			if (String.valueOf(task.get("action")).startsWith("docs.")) {
				checks.add(task);
			}
			collect(list(task.get("tasks")), checks);
		}
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> list(Object value) {
		return (value != null) ? (List<Map<String, Object>>) value : List.of();
	}

}
