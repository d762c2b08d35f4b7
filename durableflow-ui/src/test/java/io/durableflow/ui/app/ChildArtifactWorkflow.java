package io.durableflow.ui.app;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.durableflow.DurableWorkflow;
import io.durableflow.Workflow;
import io.durableflow.WorkflowContext;

/**
 * Starts a child run of {@link ArtifactWorkflow} named {@code files#1} (its id is
 * {@code <run>/files#1}), which stores the artifacts its input lists, and waits for it.
 */
@DurableWorkflow(name = "stores-artifacts-in-child")
public class ChildArtifactWorkflow implements Workflow<List<Map<String, String>>, String> {

	@Override
	public String run(WorkflowContext flow, List<Map<String, String>> artifacts) {
		String child = flow.startChild("files#1", ArtifactWorkflow.class, artifacts);
		flow.waitForWorkflow("files-done", child, Duration.ofMinutes(1));
		return child;
	}

}
