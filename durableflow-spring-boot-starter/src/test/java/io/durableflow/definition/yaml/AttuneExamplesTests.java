package io.durableflow.definition.yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * Attune's own example files (src/test/resources/attune-examples, unchanged), with only
 * the built-in actions known: their other actions are not defined here, which is a
 * warning and nothing more.
 */
class AttuneExamplesTests {

	private static final Path EXAMPLES = Path.of("src/test/resources/attune-examples");

	@Test
	void theSimpleExampleHasNoErrors() throws IOException {
		ParsedDefinition parsed = parse("simple-workflow.yaml");
		assertThat(parsed.errors()).isEmpty();
		assertThat(parsed.warnings()).extracting(Parsing::at, DefinitionProblem::message)
			.containsExactly(tuple("53:13",
					"Action 'string.transform' is not defined (yet): declare a @DurableAction bean of that name"));
		WorkflowDefinitionModel model = parsed.model();
		assertThat(model.ref()).isEqualTo("examples.simple_sequential_workflow");
		assertThat(model.tasks()).extracting(TaskModel::name)
			.containsExactly("log_input", "process_message", "finalize");
		assertThat(model.parameters().path("required")).hasToString("[\"message\"]");
		assertThat(model.tasks().get(1).next()).singleElement().satisfies((transition) -> {
			assertThat(transition.condition()).isEqualTo("succeeded()");
			assertThat(transition.publish()).extracting(PublishModel::name).containsExactly("processed_message");
			assertThat(transition.doTasks()).containsExactly("finalize");
		});
	}

	/**
	 * The complete example is refused for two things, each really wrong:
	 * <ol>
	 * <li>line 236, {@code on_failure: handle_canary_failure}: no task has that name, so
	 * a failed canary deployment would start nothing (Attune's parser checks this too, as
	 * a reference to a non-existent task, but never gets that far with this file: it
	 * cannot read the short default branches below);</li>
	 * <li>line 292, {@code parameters.regions | slice(start=1)}: meant as "every region
	 * but the first", but neither Jinja's nor Jinjava's {@code slice} takes a start: it
	 * cuts a list into N columns, and Jinjava drops the unknown argument and cuts the
	 * regions into three lists (Jinja writes {@code parameters.regions[1:]}).</li>
	 * </ol>
	 * What looks odd but is not refused, and why:
	 * <ul>
	 * <li>line 707, {@code workflow.rollback_initiated ? 'rolled_back' : 'success'}: not
	 * Jinja's syntax ({@code 'rolled_back' if workflow.rollback_initiated else
	 * 'success'}), but Jinjava, which renders our templates, parses the C-style
	 * conditional and renders it as meant;</li>
	 * <li>{@code system.timestamp - workflow.start_time} (lines 369, 520, 710) and
	 * {@code task.build_and_test.error.message} (line 602): they parse, and whether the
	 * values are numbers or have those fields is known only at run time;</li>
	 * <li>{@code - default: create_deployment_record} (line 114 and others): the short
	 * form of a default branch in Attune's docs, which Attune's own parser cannot read
	 * (its {@code default} is a boolean beside a required {@code next}); DEFINITIONS.md
	 * accepts both forms;</li>
	 * <li>a {@code publish} beside a {@code decision} without {@code on_success} (lines
	 * 134, 244, 407): it becomes a {@code succeeded()} transition put first, so the
	 * decision reads the value just published;</li>
	 * <li>{@code batch_size: 5  # Check 5 URLs at a time} (line 309): the comment
	 * describes {@code concurrency}, but a batch size is valid;</li>
	 * <li>the stray {@code "} at the end of line 551: text in a block scalar;</li>
	 * <li>{@code pack.config.docker_registry}: not checked for a file on its own, whose
	 * pack configuration is not known (in a pack without it, each use is a warning).</li>
	 * </ul>
	 */
	@Test
	void theCompleteExampleIsRefusedForWhatIsReallyWrongWithItAndNothingElse() throws IOException {
		ParsedDefinition parsed = parse("complete-workflow.yaml");
		assertThat(parsed.model()).isNull();
		assertThat(parsed.errors()).extracting(Parsing::at, DefinitionProblem::path, DefinitionProblem::message)
			.containsExactly(
					tuple("236:17", "tasks[9].on_failure",
							"Task 'deploy_canary' has a transition to 'handle_canary_failure', which is not a task"),
					tuple("292:21", "tasks[14].with_items",
							"Template '{{ parameters.regions | slice(start=1) }}': Filter 'slice' has no parameter "
									+ "'start' (its parameters: slices, fillWith)"));
		assertThat(parsed.warnings()).extracting(DefinitionProblem::line)
			.containsExactlyElementsOf(linesOfActionsOtherThanTheBuiltInOnes("complete-workflow.yaml"));
		assertThat(parsed.warnings()).allSatisfy((warning) -> assertThat(warning.message())
			.matches("Action '[a-z_.]+' is not defined \\(yet\\): declare a @DurableAction bean of that name"));
	}

	@Test
	void thePublishOfATaskWithADecisionAndNoOnSuccessComesBeforeTheDecision() throws IOException {
		String fixed = Files.readString(EXAMPLES.resolve("complete-workflow.yaml"))
			.replace("on_failure: handle_canary_failure", "on_failure: rollback_canary")
			.replace("parameters.regions | slice(start=1)", "parameters.regions[1:]");
		ParsedDefinition parsed = Parsing.PARSER.parse("complete-workflow.yaml", fixed, ParseOptions.standalone());
		assertThat(parsed.errors()).isEmpty();
		TaskModel approval = parsed.model()
			.tasks()
			.stream()
			.filter((task) -> task.name().equals("require_production_approval"))
			.findFirst()
			.orElseThrow();
		assertThat(approval.next())
			.extracting(TransitionModel::when, TransitionModel::doTasks, TransitionModel::otherwise)
			.containsExactly(tuple("{{ succeeded() }}", List.of(), false),
					tuple("{{ timed_out() }}", List.of("deployment_approval_timeout"), false),
					tuple("{{ workflow.approval_granted == true }}", List.of("create_deployment_record"), false),
					tuple(null, List.of("cancel_deployment"), true));
		assertThat(approval.next().get(0).publish()).extracting(PublishModel::name).containsExactly("approval_granted");
	}

	@Test
	void inAPackTheFileMustBeNamedAfterItsRef(@TempDir Path packs) throws IOException {
		Path folder = Files.createDirectories(packs.resolve("examples/workflows"));
		Files.copy(EXAMPLES.resolve("simple-workflow.yaml"), folder.resolve("simple_sequential_workflow.yaml"));
		Files.copy(EXAMPLES.resolve("simple-workflow.yaml"), folder.resolve("simple-workflow.yaml"));
		PackLoadResult result = new PackLoader(DefinitionsSettings.defaults().withLocations("file:" + packs + "/"))
			.load(ParseOptions.standalone().withKnownActions(Parsing.BUILT_IN_ACTIONS));
		assertThat(result.valid()).extracting(ParsedDefinition::ref)
			.containsExactly("examples.simple_sequential_workflow");
		assertThat(result.definitions().get(0).errors()).extracting(DefinitionProblem::toString)
			.containsExactly("examples/workflows/simple-workflow.yaml:4:6: error: ref: ref "
					+ "'examples.simple_sequential_workflow' does not agree with 'examples.simple-workflow', the ref its "
					+ "pack and file name give it: make them agree, or remove 'ref'");
	}

	private static ParsedDefinition parse(String file) throws IOException {
		return Parsing.PARSER.parse(file, Files.readString(EXAMPLES.resolve(file)),
				ParseOptions.standalone().withKnownActions(Parsing.BUILT_IN_ACTIONS));
	}

	/** Found in the text itself, independently of the parser. */
	private static List<Integer> linesOfActionsOtherThanTheBuiltInOnes(String file) throws IOException {
		List<String> lines = Files.readAllLines(EXAMPLES.resolve(file));
		List<Integer> found = new ArrayList<>();
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i).trim();
			if (line.startsWith("action: ") && !line.startsWith("action: core.")) {
				found.add(i + 1);
			}
		}
		return found;
	}

}
