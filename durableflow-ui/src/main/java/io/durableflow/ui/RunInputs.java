package io.durableflow.ui;

import io.durableflow.WorkflowDefinitions;
import io.durableflow.WorkflowRunView;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;

/**
 * A run's input as the console shows it, on its page and in the JSON API: with the secret
 * parameters of its definition masked ({@link WorkflowDefinitions#maskedInput}). Without
 * the {@link WorkflowDefinitions} bean ({@code durableflow.definitions.enabled=false})
 * nothing can tell which parameters of a definition's run are secret, so such an input is
 * masked whole; a code workflow's input is shown as it is.
 */
class RunInputs {

	private final ObjectProvider<WorkflowDefinitions> definitions;

	private final JsonMapper mapper;

	RunInputs(ObjectProvider<WorkflowDefinitions> definitions, JsonMapper mapper) {
		this.definitions = definitions;
		this.mapper = mapper;
	}

	@Nullable Object shown(WorkflowRunView run) {
		WorkflowDefinitions definitions = this.definitions.getIfAvailable();
		if (definitions != null) {
			return definitions.maskedInput(run);
		}
		if (run.inputJson() == null) {
			return null;
		}
		return (run.definitionRevision() != null) ? WorkflowDefinitions.MASK
				: this.mapper.readValue(run.inputJson(), Object.class);
	}

}
