package io.durableflow.execution;

import java.time.Instant;
import java.util.function.Supplier;

import io.durableflow.StartOptions;
import io.durableflow.StepStatus;
import io.durableflow.definition.WorkflowDefinition;
import io.durableflow.start.RunStarter;
import io.durableflow.store.StepKind;
import io.durableflow.store.StepRecord;
import io.durableflow.store.StepWrite;
import org.jspecify.annotations.Nullable;

/**
 * {@code WorkflowContext.startChild}: a child run started as a memoized step, its id
 * derived from the parent's, the child's input on the step's row.
 */
final class ChildStarts {

	private final ExecutionContext context;

	private final RunStarter starter;

	ChildStarts(ExecutionContext context, RunStarter starter) {
		this.context = context;
		this.starter = starter;
	}

	String start(String name, Supplier<WorkflowDefinition> workflow, Object input, @Nullable String queue) {
		int seq = this.context.enter(name);
		StepRecord previous = this.context.recorded(name);
		if (previous != null && previous.is(StepStatus.COMPLETED)) {
			return this.context.json().read(previous.resultJson(), String.class);
		}
		// the child's id is derived from ours, so a replay after a crash finds the same
		// child
		String childId = this.context.runId() + "/" + name;
		WorkflowDefinition child = workflow.get();
		StartOptions.Builder options = StartOptions.builder().runId(childId);
		if (queue != null) {
			options.queue(queue);
		}
		this.starter.start(child, input, options.build(), this.context.runId());
		Instant now = this.context.now();
		this.context.record(new StepWrite(name, seq, StepKind.CHILD, StepStatus.COMPLETED, 1,
				this.context.json().write(childId), null, null, now, now, this.context.json().write(input)));
		return childId;
	}

}
