package io.durableflow.definition.yaml;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import static io.durableflow.definition.yaml.Parsing.definition;
import static io.durableflow.definition.yaml.Parsing.errors;
import static io.durableflow.definition.yaml.Parsing.model;
import static io.durableflow.definition.yaml.Parsing.parse;
import static org.assertj.core.api.Assertions.assertThat;

/** Both ways of writing transitions end in one canonical {@code next}. */
class TransitionNormalizationTests {

	private static final String TARGETS = """
			  - {name: ok, action: core.noop}
			  - {name: bad, action: core.noop}
			  - {name: always, action: core.noop}
			  - {name: slow, action: core.noop}
			  - {name: big, action: core.noop}
			  - {name: small, action: core.noop}
			""";

	@Test
	void legacyFieldsBecomeTransitionsInTheDocumentedOrderWhateverOrderTheyAreWrittenIn() {
		TaskModel task = model(definition("""
				tasks:
				  - name: check
				    action: core.noop
				    decision:
				      - when: "{{ parameters.size > 10 }}"
				        next: big
				      - default: small
				    on_timeout: slow
				    on_complete: always
				    on_failure: bad
				    on_success: ok
				""" + TARGETS)).tasks().get(0);
		assertThat(task.next())
			.extracting(TransitionModel::when, TransitionModel::doTasks, TransitionModel::decision,
					TransitionModel::otherwise)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("{{ succeeded() }}", List.of("ok"), false, false),
					org.assertj.core.groups.Tuple.tuple("{{ failed() }}", List.of("bad"), false, false),
					org.assertj.core.groups.Tuple.tuple(null, List.of("always"), false, false),
					org.assertj.core.groups.Tuple.tuple("{{ timed_out() }}", List.of("slow"), false, false),
					org.assertj.core.groups.Tuple.tuple("{{ parameters.size > 10 }}", List.of("big"), true, false),
					org.assertj.core.groups.Tuple.tuple(null, List.of("small"), true, true));
	}

	@Test
	void theLegacyAndTheCanonicalFormOfOneWorkflowAreTheSameDefinition() {
		WorkflowDefinitionModel legacy = model(definition("""
				tasks:
				  - name: check
				    action: core.noop
				    publish:
				      - checked: "{{ result() }}"
				    on_success: ok
				    on_failure: bad
				    decision:
				      - when: "{{ parameters.size > 10 }}"
				        next: big
				      - default: true
				        next: small
				""" + TARGETS));
		WorkflowDefinitionModel canonical = model(definition("""
				tasks:
				  - name: check
				    action: core.noop
				    next:
				      - when: "{{ succeeded() }}"
				        publish:
				          - checked: "{{ result() }}"
				        do: ok
				      - when: "{{ failed() }}"
				        do: [bad]
				      - when: "{{ parameters.size > 10 }}"
				        decision: true
				        do: [big]
				      - otherwise: true
				        do: [small]
				""" + TARGETS));
		assertThat(legacy.toJson()).isEqualTo(canonical.toJson());
	}

	@Test
	void bothFormsOfADefaultBranchAreTheDecisionsOtherwise() {
		String shortForm = definition("""
				tasks:
				  - name: check
				    action: core.noop
				    decision:
				      - when: "{{ parameters.size > 10 }}"
				        next: big
				      - default: small
				""" + TARGETS);
		assertThat(model(shortForm).toJson())
			.isEqualTo(model(shortForm.replace("- default: small", "- default: true\n        next: small")).toJson());
		assertThat(model(shortForm).tasks().get(0).next().get(1).otherwise()).isTrue();
	}

	@Test
	void aLegacyPublishGoesWithTheOnSuccessTransition() {
		TaskModel task = model(definition("""
				vars: {n: 0}
				tasks:
				  - name: check
				    action: core.noop
				    on_failure: bad
				    on_success: ok
				    publish:
				      - n: "{{ result() }}"
				      - done: true
				""" + TARGETS)).tasks().get(0);
		assertThat(task.next().get(0).when()).isEqualTo("{{ succeeded() }}");
		assertThat(task.next().get(0).publish()).extracting(PublishModel::name, (p) -> p.value().toString())
			.containsExactly(org.assertj.core.groups.Tuple.tuple("n", "\"{{ result() }}\""),
					org.assertj.core.groups.Tuple.tuple("done", "true"));
		assertThat(task.next().get(1).publish()).isEmpty();
	}

	@Test
	void withoutOnSuccessALegacyPublishIsASucceededTransitionPutFirstSoThatTheDecisionSeesIt() {
		TaskModel task = model(definition("""
				vars: {approved: false}
				tasks:
				  - name: ask
				    action: core.inquiry
				    publish:
				      - approved: "{{ result().approved }}"
				    on_timeout: slow
				    decision:
				      - when: "{{ vars.approved }}"
				        next: ok
				      - default: bad
				""" + TARGETS)).tasks().get(0);
		assertThat(task.next()).extracting(TransitionModel::when, TransitionModel::doTasks)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("{{ succeeded() }}", List.of()),
					org.assertj.core.groups.Tuple.tuple("{{ timed_out() }}", List.of("slow")),
					org.assertj.core.groups.Tuple.tuple("{{ vars.approved }}", List.of("ok")),
					org.assertj.core.groups.Tuple.tuple(null, List.of("bad")));
		assertThat(task.next().get(0).publish()).extracting(PublishModel::name).containsExactly("approved");
	}

	@Test
	void withNextPresentTheLegacyFieldsAreIgnoredWithAWarningEach() {
		ParsedDefinition parsed = parse(definition("""
				tasks:
				  - name: check
				    action: core.noop
				    on_success: bad
				    publish: [{x: 1}]
				    next:
				      - do: [ok]
				""" + TARGETS.replace("  - {name: bad, action: core.noop}\n", "")));
		assertThat(parsed.warnings()).extracting(Parsing::at, DefinitionProblem::message)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("6:5",
					"'on_success' is ignored: this task has 'next', which replaces the legacy transition fields; "
							+ "move it into 'next'"),
					org.assertj.core.groups.Tuple.tuple("7:5",
							"'publish' is ignored: this task has 'next', which replaces the legacy transition fields; "
									+ "move it into 'next'"));
		assertThat(parsed.model().tasks().get(0).next()).singleElement()
			.satisfies((transition) -> assertThat(transition.doTasks()).containsExactly("ok"));
	}

	@Test
	void aDecisionHasAtMostOneDefaultAndEveryOtherBranchHasAWhen() {
		assertThat(errors(definition("""
				tasks:
				  - name: check
				    action: core.noop
				    decision:
				      - next: ok
				      - default: big
				      - default: small
				      - default: bad
				        when: "{{ true }}"
				""" + TARGETS))).extracting(Parsing::at, DefinitionProblem::message)
			.containsExactly(
					org.assertj.core.groups.Tuple.tuple("7:9",
							"A decision branch needs 'when' (or is the default: - default: <task>)"),
					org.assertj.core.groups.Tuple.tuple("9:9",
							"A decision has at most one default branch; the first is at line 8"),
					org.assertj.core.groups.Tuple.tuple("10:9",
							"A decision has at most one default branch; the first is at line 8"),
					org.assertj.core.groups.Tuple.tuple("11:9",
							"A default branch fires when no other branch did: it has no 'when'"));
	}

	@Test
	void theStoredJsonReadsBackAsTheSameDefinition() {
		WorkflowDefinitionModel model = model(definition("""
				label: Example
				tags: [a, b]
				parameters:
				  size: {type: integer, default: 3}
				vars: {n: 0}
				tasks:
				  - name: check
				    action: core.echo
				    input: {size: "{{ parameters.size }}", fixed: [1, 2]}
				    with_items: "{{ [1, 2, 3] }}"
				    batch_size: 2
				    concurrency: 2
				    retry: {count: 3, delay: 2, backoff: linear, max_delay: 5}
				    timeout: 30
				    publish: [{n: "{{ result() }}"}]
				    on_success: group
				    decision:
				      - when: "{{ vars.n > 1 }}"
				        next: ok
				      - default: bad
				  - name: group
				    type: parallel
				    tasks:
				      - {name: one, action: core.noop}
				  - {name: ok, action: core.noop, join: 1}
				  - {name: bad, action: core.noop}
				output_map: {n: "{{ vars.n }}"}
				cancellation_policy: cancel_running
				"""));
		ObjectNode json = model.toJson();
		ParsedDefinition again = parse(json.toString());
		assertThat(again.problems()).isEmpty();
		assertThat(again.model().toJson()).isEqualTo(json);
		assertThat(again.model().tasks().get(0).retry()).isEqualTo(new RetryModel(3, java.time.Duration.ofSeconds(2),
				RetryModel.Backoff.LINEAR, java.time.Duration.ofSeconds(5)));
	}

	@Test
	void theModelCannotBeChangedThroughTheJsonItHandsOut() {
		WorkflowDefinitionModel model = model(
				definition("vars: {n: 0}\ntasks: [{name: a, action: core.echo, " + "input: {x: 1}}]\n"));
		((ObjectNode) model.tasks().get(0).input()).put("x", 2);
		model.vars().get("n");
		assertThat(model.tasks().get(0).input()).hasToString("{\"x\":1}");
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> model.vars().put("m", model.vars().get("n")))
			.isInstanceOf(UnsupportedOperationException.class);
	}

	@Test
	void theChecksumIsTheSha256OfTheSourceAndFollowsItsEveryByte() {
		String yaml = definition("tasks: [{name: a, action: core.noop}]\n");
		ParsedDefinition parsed = parse(yaml);
		assertThat(parsed.checksum()).isEqualTo(parse(yaml).checksum()).hasSize(64);
		assertThat(parsed.checksum())
			.isEqualTo(DefinitionParser.sha256(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
		assertThat(parse(yaml + "\n").checksum()).isNotEqualTo(parsed.checksum());
	}

	@Test
	void aTransitionsConditionIsItsWhenWithoutBraces() {
		assertThat(new TransitionModel("{{ succeeded() and vars.x }}", List.of(), List.of(), false, false, 1, 1)
			.condition()).isEqualTo("succeeded() and vars.x");
		assertThat(new TransitionModel("failed()", List.of(), List.of(), false, false, 1, 1).condition())
			.isEqualTo("failed()");
		assertThat(new TransitionModel("{{ a }} and {{ b }}", List.of(), List.of(), false, false, 1, 1).condition())
			.isEqualTo("{{ a }} and {{ b }}");
	}

}
