package io.durableflow.execution;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.durableflow.StepFailedException;
import io.durableflow.StepOptions;
import io.durableflow.WorkflowError;
import io.durableflow.definition.CoreActions;
import io.durableflow.definition.RegisteredAction;
import io.durableflow.json.WorkflowJson;
import io.durableflow.store.StepRecord;
import org.jspecify.annotations.Nullable;

/**
 * {@code WorkflowContext.action}: an action run as a memoized step, its input and output
 * converted through the application's mapper, its input recorded on the step's row;
 * {@code core.inquiry} as a wait.
 */
final class ActionCalls {

	private final ExecutionContext context;

	private final ArtifactCalls artifacts;

	ActionCalls(ExecutionContext context, ArtifactCalls artifacts) {
		this.context = context;
		this.artifacts = artifacts;
	}

	<T> T call(String stepName, StepOptions options, RegisteredAction action, Object input, Class<T> type) {
		return call(stepName, options, action, input, type, null);
	}

	/**
	 * The action as a step; with {@code scopes}, each attempt's context has a scope of
	 * its own (a step graph's) and the step records what the scope makes of the output.
	 */
	<T> T call(String stepName, StepOptions options, RegisteredAction action, Object input, Class<T> type,
			java.util.function.@Nullable Supplier<ActionScope> scopes) {
		if (action.name().equals(CoreActions.INQUIRY)) {
			return inquiry(stepName, input, type);
		}
		StepRecord previous = this.context.recorded(stepName);
		int attempt = (previous != null) ? previous.attempts() + 1 : 1;
		WorkflowJson json = this.context.json();
		return this.context.step(stepName, options, type, () -> {
			String inputJson = json.write(input);
			this.context.stepInput(inputJson);
			Object typed = json.read(inputJson, json.type(action.inputType()));
			ActionScope scope = (scopes != null) ? scopes.get() : null;
			Object output = action.action()
				.execute(new StepActionContext(this.context.runId(), (scope != null) ? scope.stepId() : stepName,
						attempt, this.context.log(), this.artifacts, scope), typed);
			Object plain = (scope != null) ? scope.result(json.read(json.write(output), Object.class)) : output;
			return json.read(json.write(plain), type);
		});
	}

	/**
	 * {@code core.inquiry}: a wait for the event that answers this run's step, its
	 * payload the result; unanswered within the input's {@code timeout} (seconds), the
	 * step fails with {@code timed_out}.
	 */
	private <T> T inquiry(String stepName, Object input, Class<T> type) {
		WorkflowJson json = this.context.json();
		Map<String, Object> request = (input != null) ? json.read(json.write(input), json.type(Map.class)) : Map.of();
		Object timeout = request.get("timeout");
		Duration wait = (timeout instanceof Number seconds) ? Duration.ofMillis((long) (seconds.doubleValue() * 1000))
				: Duration.ofDays(365 * 100);
		Optional<Map<String, Object>> answer = this.context.waitForEvent(stepName, CoreActions.INQUIRY_EVENT,
				Map.of("run_id", this.context.runId(), "step", stepName), wait);
		if (answer.isEmpty()) {
			throw new StepFailedException(stepName, new WorkflowError("timed_out",
					"Inquiry '" + stepName + "' was not answered within " + wait, false, null));
		}
		return json.read(json.write(answer.get()), type);
	}

}
