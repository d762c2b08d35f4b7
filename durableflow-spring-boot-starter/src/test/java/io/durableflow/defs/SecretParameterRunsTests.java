package io.durableflow.defs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.durableflow.DurableFlow;
import io.durableflow.RunStatus;
import io.durableflow.StartOptions;
import io.durableflow.WorkflowDefinitions;
import io.durableflow.WorkflowDefinitions.Format;
import io.durableflow.WorkflowRunView;
import io.durableflow.WorkflowTimeline;
import io.durableflow.it.Contexts;
import io.durableflow.test.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parameters marked {@code secret: true} on real PostgreSQL with the task-graph executor:
 * the workflow gets the real values, {@link WorkflowDefinitions#maskedInput} shows them
 * masked by the revision the run started with, even after the definition changed or was
 * deleted; what a task was given is not masked.
 */
class SecretParameterRunsTests {

	static final String DEPLOY = """
			ref: ops.deploy
			version: "1"
			parameters:
			  region: {type: string, default: eu}
			  token: {type: string, required: true, secret: true}
			  credentials:
			    type: object
			    properties:
			      user: {type: string}
			      password: {type: string, secret: true}
			tasks:
			  - name: call
			    action: core.echo
			    input:
			      token: "{{ parameters.token }}"
			      user: "{{ parameters.credentials.user }}"
			output_map:
			  length: "{{ parameters.token | length }}"
			""";

	@TempDir
	Path packs;

	@Test
	void theWorkflowGetsTheSecretsAndTheShownInputMasksThemByThePinnedRevision() {
		try (ConfigurableApplicationContext context = Contexts.start(TestDatabase.newDatabase(),
				"durableflow.definitions.locations=file:" + this.packs + "/")) {
			WorkflowDefinitions definitions = context.getBean(WorkflowDefinitions.class);
			DurableFlow flow = context.getBean(DurableFlow.class);
			definitions.create(DEPLOY, Format.YAML);
			String first = definitions.start("ops.deploy",
					Map.of("token", "tok-123456", "credentials", Map.of("user", "ada", "password", "pw-98765")), null)
				.runId();
			WorkflowRunView run = Contexts.awaitStatus(flow, first, RunStatus.COMPLETED, Duration.ofSeconds(15));

			assertThat(run.definitionRevision()).isEqualTo(1);
			assertThat(run.output(Map.class)).isEqualTo(Map.of("length", 10));
			assertThat(run.inputJson()).contains("tok-123456", "pw-98765");
			assertThat(definitions.maskedInput(run)).isEqualTo(Map.of("region", "eu", "token", WorkflowDefinitions.MASK,
					"credentials", Map.of("user", "ada", "password", WorkflowDefinitions.MASK)));
			assertThat(result(flow.timeline(first), "call")).as("a task's input is not masked").contains("tok-123456");

			// revision 2 makes the region secret and the token not
			definitions.update("ops.deploy", DEPLOY
				.replace("token: {type: string, required: true, secret: true}", "token: {type: string, required: true}")
				.replace("region: {type: string, default: eu}", "region: {type: string, default: eu, secret: true}"),
					Format.YAML);
			String second = flow
				.start("ops.deploy", Map.of("token", "tok-2", "credentials", Map.of("user", "bob", "password", "pw-2")),
						StartOptions.defaults())
				.runId();
			WorkflowRunView secondRun = Contexts.awaitStatus(flow, second, RunStatus.COMPLETED, Duration.ofSeconds(15));
			assertThat(definitions.maskedInput(secondRun)).isEqualTo(Map.of("region", WorkflowDefinitions.MASK, "token",
					"tok-2", "credentials", Map.of("user", "bob", "password", WorkflowDefinitions.MASK)));
			assertThat(definitions.maskedInput(flow.find(first).orElseThrow())).extracting("token", "region")
				.containsExactly(WorkflowDefinitions.MASK, "eu");

			definitions.delete("ops.deploy");
			assertThat(definitions.maskedInput(flow.find(first).orElseThrow()))
				.as("its revisions stay, and so does the mask")
				.extracting("token")
				.isEqualTo(WorkflowDefinitions.MASK);
		}
	}

	@Test
	void runsOfCodeWorkflowsAndOfDefinitionsWithoutSecretsAreShownAsTheyAre() {
		try (ConfigurableApplicationContext context = Contexts.start(TestDatabase.newDatabase(),
				"durableflow.definitions.locations=file:" + this.packs + "/")) {
			WorkflowDefinitions definitions = context.getBean(WorkflowDefinitions.class);
			DurableFlow flow = context.getBean(DurableFlow.class);
			definitions.create(DEPLOY.replace(", secret: true", "").replace("ops.deploy", "ops.open"), Format.YAML);
			String open = definitions
				.start("ops.open", Map.of("token", "t", "credentials", Map.of("user", "u", "password", "p")), null)
				.runId();
			Map<String, Object> expected = new LinkedHashMap<>();
			expected.put("token", "t");
			expected.put("credentials", Map.of("user", "u", "password", "p"));
			expected.put("region", "eu");
			assertThat(definitions.maskedInput(flow.find(open).orElseThrow())).isEqualTo(expected);

			String code = flow.start("strict", "ok", StartOptions.defaults()).runId();
			WorkflowRunView codeRun = flow.find(code).orElseThrow();
			assertThat(codeRun.definitionRevision()).isNull();
			assertThat(definitions.maskedInput(codeRun)).isEqualTo("ok");
		}
	}

	private static String result(WorkflowTimeline timeline, String step) {
		return timeline.steps()
			.stream()
			.filter((entry) -> entry.name().equals(step))
			.findFirst()
			.orElseThrow()
			.resultJson();
	}

}
