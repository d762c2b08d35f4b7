package io.durableflow.definition;

import java.util.ArrayList;
import java.util.List;

import io.durableflow.UnknownWorkflowException;
import io.durableflow.Workflow;
import io.durableflow.json.WorkflowJson;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The registry's map is built once from its sources, and replaced as a whole on refresh.
 */
class WorkflowRegistryTests {

	private final WorkflowJson json = new WorkflowJson(new JsonMapper());

	private final List<WorkflowDefinition> offered = new ArrayList<>();

	private final WorkflowRegistry registry = new WorkflowRegistry(
			List.of(() -> List.of(definition("fixed", 1, "source one")), () -> List.copyOf(this.offered)));

	@Test
	void definitionsOfAllSourcesAreFoundByNameInTheSourcesOrder() {
		this.offered.add(definition("changing", 2, "source two"));
		assertThat(this.registry.byName("changing").version()).isEqualTo(2);
		assertThat(this.registry.all()).extracting(WorkflowDefinition::name).containsExactly("fixed", "changing");
	}

	@Test
	void theMapIsBuiltOnceUntilRefreshed() {
		assertThat(this.registry.find("changing")).isEmpty();
		this.offered.add(definition("changing", 2, "source two"));
		assertThat(this.registry.find("changing")).isEmpty();
		this.registry.refresh();
		assertThat(this.registry.byName("changing").version()).isEqualTo(2);
	}

	@Test
	void aRefreshThatWouldNameTwoWorkflowsAlikeFailsAndKeepsTheDefinitionsItHad() {
		this.offered.add(definition("changing", 2, "source two"));
		this.registry.refresh();
		this.offered.add(definition("fixed", 3, "source two, again"));
		assertThatIllegalStateException().isThrownBy(this.registry::refresh)
			.withMessageContaining("Two workflows are named 'fixed': source one and source two, again");
		assertThat(this.registry.byName("fixed").origin()).isEqualTo("source one");
		assertThat(this.registry.byName("changing").version()).isEqualTo(2);
	}

	@Test
	void anUnknownNameListsTheKnownOnes() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.registry.byName("nope"))
			.isInstanceOf(UnknownWorkflowException.class)
			.withMessageContaining("known workflows: [fixed]");
	}

	@Test
	void aDefinitionSaysWhatIsMissing() {
		assertThatIllegalArgumentException().isThrownBy(() -> definition("zero", 0, "somewhere"))
			.withMessage("Version of workflow 'zero' must be at least 1, was 0");
		assertThatIllegalArgumentException().isThrownBy(() -> definition(" ", 1, "somewhere"))
			.withMessage("A workflow definition needs a name");
	}

	private WorkflowDefinition definition(String name, int version, String origin) {
		Workflow<Object, Object> workflow = (flow, input) -> input;
		return new WorkflowDefinition(name, version, "test", origin, workflow, workflow.getClass(),
				this.json.type(Object.class), this.json.type(Object.class));
	}

}
