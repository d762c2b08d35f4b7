package io.durableflow.definition.yaml;

import java.util.Set;

import io.durableflow.definition.yaml.DefinitionProblem.Severity;
import org.junit.jupiter.api.Test;

import static io.durableflow.definition.yaml.Parsing.definition;
import static io.durableflow.definition.yaml.Parsing.errors;
import static io.durableflow.definition.yaml.Parsing.parse;
import static io.durableflow.definition.yaml.Parsing.warnings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * One test per rule of DEFINITIONS.md's "Validator" section, each problem at the line of
 * the offending key or value.
 */
class ValidatorRuleTests {

	@Test
	void aMissingVersionIsAnError() {
		assertThat(errors("ref: tests.example\ntasks: [{name: a, action: core.noop}]\n"))
			.extracting(Parsing::at, DefinitionProblem::message)
			.containsExactly(tuple("1:1", "A definition needs a version, such as \"1.0.0\""));
	}

	@Test
	void missingOrEmptyTasksAreAnError() {
		assertThat(errors("ref: tests.example\nversion: \"1\"\n")).extracting(DefinitionProblem::message)
			.containsExactly("A definition needs at least one task in 'tasks'");
		assertThat(errors(definition("tasks: []\n"))).extracting(Parsing::at, DefinitionProblem::message)
			.containsExactly(tuple("3:8", "A definition needs at least one task in 'tasks'"));
	}

	@Test
	void aMissingRefIsAnErrorForAFileOnItsOwn() {
		assertThat(errors("version: \"1\"\ntasks: [{name: a, action: core.noop}]\n"))
			.extracting(DefinitionProblem::message)
			.containsExactly("A definition needs a ref: <pack>.<name>, such as examples.deploy");
	}

	@Test
	void duplicateTaskNamesAreAnErrorAtTheSecondNameSubTasksIncluded() {
		assertThat(errors(definition("""
				tasks:
				  - {name: a, action: core.noop, on_success: group}
				  - name: group
				    type: parallel
				    tasks:
				      - name: a
				        action: core.noop
				"""))).extracting(Parsing::at, DefinitionProblem::message)
			.containsExactly(tuple("8:15",
					"Duplicate task name 'a': the first is at line 4; names are unique, sub-tasks included"));
	}

	@Test
	void aTransitionToAnUnknownTaskIsAnErrorAtTheTargetWithTheLikelyName() {
		assertThat(errors(definition("""
				tasks:
				  - name: a
				    action: core.noop
				    next:
				      - do: [finish, finsh]
				  - {name: finish, action: core.noop}
				"""))).extracting(Parsing::at, DefinitionProblem::path, DefinitionProblem::message)
			.containsExactly(tuple("7:22", "tasks[0].next[0].do[1]",
					"Task 'a' has a transition to 'finsh', which is not a task (did you mean 'finish'?)"));
	}

	@Test
	void anUnknownActionIsAWarningAtTheActionAndNotCheckedWithoutKnownActions() {
		String yaml = definition("tasks:\n  - name: a\n    action: core.nop\n");
		assertThat(warnings(yaml)).extracting(Parsing::at, DefinitionProblem::message)
			.containsExactly(tuple("5:13",
					"Action 'core.nop' is not defined (yet): declare a @DurableAction bean of that name"));
		assertThat(parse(yaml, ParseOptions.standalone()).problems()).isEmpty();
		assertThat(parse(yaml, ParseOptions.standalone().withKnownActions(Set.of())).problems()).isEmpty();
		assertThat(parse(yaml,
				ParseOptions.standalone()
					.withKnownActions(Parsing.BUILT_IN_ACTIONS)
					.withUnknownActionsAs(Severity.ERROR))
			.errors()).extracting(DefinitionProblem::message)
			.containsExactly("Action 'core.nop' is not defined: declare a @DurableAction bean of that name");
	}

	@Test
	void anActionOrWorkflowTaskWithoutAnActionIsAnError() {
		assertThat(errors(definition("tasks:\n  - name: a\n    type: workflow\n")))
			.extracting(Parsing::at, DefinitionProblem::message)
			.containsExactly(tuple("4:5", "Task 'a' needs an 'action': the ref of the definition it runs"));
	}

	@Test
	void aParallelTaskWithoutSubTasksIsAnError() {
		assertThat(errors(definition("tasks:\n  - name: all\n    type: parallel\n")))
			.extracting(Parsing::at, DefinitionProblem::message)
			.containsExactly(tuple("4:5", "Parallel task 'all' needs sub-tasks in 'tasks'"));
	}

	@Test
	void subTasksOfATaskThatIsNotParallelAreAnError() {
		assertThat(errors(definition("""
				tasks:
				  - name: all
				    action: core.noop
				    tasks:
				      - {name: one, action: core.noop}
				"""))).extracting(Parsing::at, DefinitionProblem::message)
			.containsExactly(tuple("7:7", "Only a parallel task has sub-tasks: add 'type: parallel' to 'all', "
					+ "or move them to the top level"));
	}

	@Test
	void aSubTaskTransitionOutsideItsGroupIsAnErrorAndSoIsOneIntoAGroup() {
		assertThat(errors(definition("""
				tasks:
				  - name: all
				    type: parallel
				    on_success: done
				    tasks:
				      - {name: one, action: core.noop, on_success: two}
				      - {name: two, action: core.noop, on_failure: done}
				  - {name: done, action: core.noop, on_failure: one}
				"""))).extracting(Parsing::at, DefinitionProblem::message)
			.containsExactly(
					tuple("9:52",
							"Sub-task 'two' of 'all' has a transition to 'done', outside its group: a sub-task's "
									+ "transitions start only its sibling sub-tasks [one, two]"),
					tuple("10:49", "Task 'done' has a transition to 'one', a sub-task of parallel task 'all': only "
							+ "its group starts it"));
	}

	@Test
	void joinMustBeBetweenOneAndTheNumberOfInboundTasks() {
		assertThat(errors(definition("""
				tasks:
				  - {name: a, action: core.noop, on_success: c, join: 1}
				  - {name: b, action: core.noop, on_success: c}
				  - {name: c, action: core.noop, join: 3}
				  - {name: d, action: core.noop, join: 0}
				"""))).extracting(Parsing::at, DefinitionProblem::message)
			.containsExactly(
					tuple("4:55",
							"join 1 is out of bounds: 'a' has 0 inbound task(s), so it cannot wait "
									+ "for any: remove join"),
					tuple("6:40", "join 3 is out of bounds: 'c' has 2 inbound task(s) [a, b], so join is 1 to 2"),
					tuple("7:40",
							"join 0 is out of bounds: 'd' has 0 inbound task(s), so it cannot wait for any: remove join"));
		assertThat(errors(definition("""
				tasks:
				  - {name: a, action: core.noop, on_success: c}
				  - {name: b, action: core.noop, on_success: c}
				  - {name: c, action: core.noop, join: 2}
				"""))).isEmpty();
	}

	@Test
	void retryCountIsOneToAHundredAndNeedsADelay() {
		assertThat(errors(definition("""
				tasks:
				  - {name: a, action: core.noop, retry: {count: 0, delay: 1}, on_success: b}
				  - {name: b, action: core.noop, retry: {count: 101, delay: 1}, on_success: c}
				  - {name: c, action: core.noop, retry: {count: 100}, on_success: d}
				  - {name: d, action: core.noop, retry: {count: 1, delay: 0}}
				"""))).extracting(Parsing::at, DefinitionProblem::message)
			.containsExactly(tuple("4:49", "retry.count must be 1 to 100, was 0"),
					tuple("5:49", "retry.count must be 1 to 100, was 101"),
					tuple("6:41", "'retry' needs a delay: the seconds before the first retry"));
	}

	@Test
	void aMaxDelayBelowTheDelayIsAnErrorAtTheMaxDelay() {
		assertThat(errors(definition("""
				tasks:
				  - name: a
				    action: core.noop
				    retry:
				      count: 3
				      delay: 10
				      max_delay: 5
				"""))).extracting(Parsing::at, DefinitionProblem::message)
			.containsExactly(tuple("9:18",
					"retry.max_delay (5 s) is less than retry.delay (10 s): no delay could be " + "that short"));
	}

	@Test
	void aTaskNoPathFromAnEntryTaskReachesIsUnreachable() {
		assertThat(errors(definition("""
				tasks:
				  - {name: start, action: core.noop, on_success: finish}
				  - {name: finish, action: core.noop}
				  - {name: loop_a, action: core.noop, on_success: loop_b}
				  - {name: loop_b, action: core.noop, on_success: loop_a}
				"""))).extracting(Parsing::at, DefinitionProblem::message)
			.containsExactly(
					tuple("6:12", "Task 'loop_a' is unreachable: no path from an entry task [start] leads to it"),
					tuple("7:12", "Task 'loop_b' is unreachable: no path from an entry task [start] leads to it"));
	}

	@Test
	void whenEveryTaskIsATargetNoneCanStart() {
		assertThat(errors(definition("""
				tasks:
				  - {name: a, action: core.noop, on_success: b}
				  - {name: b, action: core.noop, on_success: a}
				"""))).extracting(Parsing::at, DefinitionProblem::message)
			.containsExactly(
					tuple("4:3", "No entry task: every task is the target of a transition, so none can start"));
	}

	@Test
	void aTemplateThatDoesNotParseIsAnErrorAtItsOwnLineAndColumn() {
		assertThat(errors(definition("""
				tasks:
				  - name: a
				    action: core.echo
				    input:
				      one: "{{ parameters.x + }}"
				      two: |
				        first line
				        {% if parameters.x %}no end
				      three: "{{ parameters.x"
				"""))).extracting(Parsing::at, DefinitionProblem::message)
			.containsExactly(
					tuple("7:30", "Template '{{ parameters.x + }}': 'parameters.x +' does not parse: found '}' at "
							+ "position 15, expected <IDENTIFIER>|<STRING>|<FLOAT>|<INTEGER>|'true'|'false'|'null'|'-'|"
							+ "'!'|'not'|'empty'|'('"),
					tuple("10:9", "Template 'first line {% if parameters.x %}no end': Syntax error in "
							+ "'{% if parameters.x %}': Missing end tag: endif for tag defined as: {% if parameters.x %}"),
					tuple("11:15", "Template '{{ parameters.x': '{{' is never closed with '}}'"));
	}

	@Test
	void unknownFiltersTestsFunctionsAndFilterArgumentsAreErrors() {
		assertThat(errors(definition("""
				tasks:
				  - name: a
				    action: core.echo
				    input:
				      one: "{{ parameters.x | shout }}"
				      two: "{{ parameters.x is shiny }}"
				      three: "{{ nowish() }}"
				      four: "{{ parameters.list | slice(start=1) }}"
				"""))).extracting(DefinitionProblem::message)
			.containsExactly("Template '{{ parameters.x | shout }}': Unknown filter 'shout'",
					"Template '{{ parameters.x is shiny }}': Unknown test 'shiny'",
					"Template '{{ nowish() }}': Unknown function 'nowish()': the functions are succeeded(), failed(), "
							+ "timed_out(), result() and Jinjava's own",
					"Template '{{ parameters.list | slice(start=1) }}': Filter 'slice' has no parameter 'start' (its "
							+ "parameters: slices, fillWith)");
	}

	@Test
	void aVariableUsedButNeverDefinedOrPublishedIsAnError() {
		assertThat(errors(definition("""
				vars: {count: 0}
				tasks:
				  - name: a
				    action: core.echo
				    input:
				      defined: "{{ vars.count }}"
				      alias: "{{ workflow.count }}"
				      published: "{{ vars.total }}"
				      bare: "{{ count + total }}"
				      guarded: "{{ vars.later | default(0) }}"
				      tested: "{% if vars.later is defined %}{{ vars.later }}{% endif %}"
				      local: "{% for x in [1, 2] %}{{ x }}{{ loop.index }}{% endfor %}"
				      missing: "{{ vars.cuont }}"
				      bare_missing: "{{ 1 + nothing }}"
				      in_a_dict: "{{ {'k': vars.gone} }}"
				    publish: [{total: "{{ result() }}"}]
				"""))).extracting(Parsing::at, DefinitionProblem::message)
			.containsExactly(tuple("15:20", "vars.cuont is never defined: no variable 'cuont' in vars, none published "
					+ "by a transition (did you mean 'count'?); the scopes are index, item, pack, parameters, system, "
					+ "task, vars, workflow (template '{{ vars.cuont }}')"),
					tuple("16:25", "nothing is never defined: no variable 'nothing' in vars, none published by a "
							+ "transition; the scopes are index, item, pack, parameters, system, task, vars, workflow "
							+ "(template '{{ 1 + nothing }}')"),
					tuple("17:22", "vars.gone is never defined: no variable 'gone' in vars, none published by a "
							+ "transition; the scopes are index, item, pack, parameters, system, task, vars, workflow "
							+ "(template '{{ {'k': vars.gone} }}')"));
	}

	@Test
	void aTaskScopeNamingNoTaskIsAnError() {
		assertThat(errors(definition("""
				tasks:
				  - {name: fetch, action: core.echo, on_success: use}
				  - name: use
				    action: core.echo
				    input: {x: "{{ task.fetch.result }}", y: "{{ task.fecth.result }}"}
				"""))).extracting(DefinitionProblem::message)
			.containsExactly("task.fecth names no task of this definition (did you mean 'fetch'?) "
					+ "(template '{{ task.fecth.result }}')");
	}

	@Test
	void itemAndIndexExistOnlyInTheInputOfAWithItemsTask() {
		assertThat(errors(definition("""
				tasks:
				  - name: each
				    action: core.echo
				    with_items: "{{ [1, 2] }}"
				    input: {x: "{{ item }}", i: "{{ index }}"}
				    on_success: after
				  - name: after
				    action: core.echo
				    input: {x: "{{ item }}"}
				"""))).extracting(Parsing::at, DefinitionProblem::message)
			.containsExactly(tuple("11:20", "item exists only in the input of a task with with_items, not a task's "
					+ "input (template '{{ item }}')"));
	}

	@Test
	void theTransitionFunctionsAreForTransitionsOnly() {
		assertThat(errors(definition("""
				tasks:
				  - name: a
				    action: core.echo
				    input: {x: "{{ result() }}"}
				    next:
				      - when: succeeded() and result().ok
				        publish: [{r: "{{ result() }}"}]
				"""))).extracting(Parsing::at, DefinitionProblem::message)
			.containsExactly(tuple("6:20", "result() is about the task whose transitions are evaluated: only a "
					+ "transition's when and publish use it, not a task's input"));
	}

	@Test
	void aWhenWithoutBracesIsAnExpressionAndIsCheckedAsOne() {
		assertThat(errors(definition("""
				tasks:
				  - name: a
				    action: core.echo
				    when: parameters.go and
				"""))).singleElement().satisfies((problem) -> {
			assertThat(Parsing.at(problem)).isEqualTo("6:28");
			assertThat(problem.message())
				.startsWith("Template 'parameters.go and': 'parameters.go and' does " + "not parse: found '}'");
		});
	}

	@Test
	void packConfigKeysThePackDoesNotConfigureAreWarningsWhenItsConfigIsKnown() {
		String yaml = definition("tasks:\n  - name: a\n    action: core.echo\n    input: {r: \"{{ pack.config.registry "
				+ "}}\", u: \"{{ pack.config.url }}\"}\n");
		assertThat(parse(yaml).problems()).isEmpty();
		assertThat(parse(yaml,
				ParseOptions.standalone()
					.withPackConfig(tools.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("url", "x")))
			.warnings()).extracting(Parsing::at, DefinitionProblem::message)
			.containsExactly(tuple("6:20", "pack.config.registry is not configured by pack 'tests' (its config.yaml, "
					+ "or durableflow.definitions.packs.tests.config.registry) (template '{{ pack.config.registry }}')"));
	}

	@Test
	void unknownSystemFieldsAndUndeclaredParametersAreWarnings() {
		assertThat(parse(definition("""
				parameters:
				  name: {type: string}
				tasks:
				  - name: a
				    action: core.echo
				    input: {a: "{{ system.run_id }}", b: "{{ system.runid }}", c: "{{ parameters.name }}",
				            d: "{{ parameters.nmae }}"}
				""")).warnings()).extracting(DefinitionProblem::message)
			.containsExactly(
					"system.runid does not exist: system has identity, run_id, timestamp, workflow_start "
							+ "(template '{{ system.runid }}')",
					"parameters.nmae is not declared in 'parameters' (template '{{ parameters.nmae }}')");
	}

	@Test
	void aTemplateInVarsIsAWarningSinceVarsAreLiteral() {
		assertThat(warnings(
				definition("vars: {at: \"{{ system.timestamp }}\"}\ntasks: [{name: a, action: " + "core.noop}]\n")))
			.extracting(DefinitionProblem::message)
			.containsExactly("vars are literal initial values: this template is not rendered; publish the value from "
					+ "a task instead");
	}

	@Test
	void timeoutBatchSizeAndConcurrencyHaveBounds() {
		ParsedDefinition parsed = parse(definition("""
				tasks:
				  - {name: a, action: core.noop, timeout: 0, with_items: "{{ [1] }}", batch_size: 0, concurrency: 2}
				  - {name: b, action: core.noop, concurrency: 2}
				"""));
		assertThat(parsed.errors()).extracting(DefinitionProblem::message)
			.containsExactly("'timeout' must be at least 1 second", "'batch_size' must be at least 1, was 0");
		assertThat(parsed.warnings()).extracting(DefinitionProblem::message)
			.containsExactly("'concurrency' is ignored without 'with_items'");
	}

	@Test
	void moreTasksThanTheLimitIsAnError() {
		StringBuilder yaml = new StringBuilder(definition("tasks:\n"));
		for (int i = 0; i <= DefinitionValidator.MAX_TASKS; i++) {
			yaml.append("  - {name: t").append(i).append(", action: core.noop}\n");
		}
		assertThat(errors(yaml.toString())).extracting(DefinitionProblem::message)
			.containsExactly("Too many tasks: 1001, at most 1000; split the workflow into several");
	}

	@Test
	void parallelTasksNestAtMostFiveDeep() {
		String inner = "{name: leaf, action: core.noop}";
		for (int depth = 6; depth >= 1; depth--) {
			inner = "{name: p" + depth + ", type: parallel, tasks: [" + inner + "]}";
		}
		assertThat(errors(definition("tasks: [" + inner + "]\n"))).extracting(DefinitionProblem::message)
			.containsExactly("Parallel tasks nest at most 5 deep");
	}

	@Test
	void everyProblemOfAFileIsReportedInOnePass() {
		assertThat(errors("""
				ref: tests.example
				tasks:
				  - {name: a, action: core.noop, on_success: nowhere, retry: {count: 0, delay: 1}}
				  - {name: a, action: core.noop, join: 5}
				""")).hasSize(5);
	}

}
