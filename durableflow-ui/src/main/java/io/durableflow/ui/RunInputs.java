package io.durableflow.ui;

import io.durableflow.WorkflowDefinitions;
import io.durableflow.WorkflowRunView;
import io.durableflow.WorkflowTimeline;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;

/**
 * A run's input (and its steps' inputs and results) as the console shows it, on its page
 * and in the JSON API: with the secret parameters of its definition masked
 * ({@link WorkflowDefinitions#maskedInput}). Without the {@link WorkflowDefinitions} bean
 * ({@code durableflow.definitions.enabled=false}) nothing can tell which parameters of a
 * definition's run are secret, so such an input is masked whole; a code workflow's input
 * is shown as it is.
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

	/**
	 * The run's output as the console shows it: with the values of its secret parameters
	 * masked ({@link WorkflowDefinitions#maskedOutput}); without the
	 * {@link WorkflowDefinitions} bean, as it is.
	 */
	@Nullable String shownOutput(WorkflowRunView run) {
		WorkflowDefinitions definitions = this.definitions.getIfAvailable();
		return (definitions != null) ? definitions.maskedOutput(run) : run.outputJson();
	}

	/**
	 * The run's timeline as the console shows it: its steps' inputs and results with the
	 * values of its secret parameters masked
	 * ({@link WorkflowDefinitions#maskedTimeline}). Without the
	 * {@link WorkflowDefinitions} bean a definition's run's step inputs are masked whole.
	 */
	WorkflowTimeline shown(WorkflowRunView run, WorkflowTimeline timeline) {
		WorkflowDefinitions definitions = this.definitions.getIfAvailable();
		if (definitions != null) {
			return definitions.maskedTimeline(run, timeline);
		}
		if (run.definitionRevision() == null) {
			return timeline;
		}
		return timeline.withSteps((step) -> step.withShownJson(
				(step.inputJson() != null) ? "\"" + WorkflowDefinitions.MASK + "\"" : null, step.resultJson()));
	}

}
