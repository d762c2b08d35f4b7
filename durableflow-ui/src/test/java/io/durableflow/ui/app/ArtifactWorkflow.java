package io.durableflow.ui.app;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.durableflow.DurableWorkflow;
import io.durableflow.Workflow;
import io.durableflow.WorkflowContext;

/**
 * Stores the artifacts its input lists, in order, outside any step: each {@code {"name":
 * "...", "type": "...", "text": "..."}}.
 */
@DurableWorkflow(name = "stores-artifacts")
public class ArtifactWorkflow implements Workflow<List<Map<String, String>>, Integer> {

	@Override
	public Integer run(WorkflowContext flow, List<Map<String, String>> artifacts) {
		for (Map<String, String> artifact : artifacts) {
			flow.artifact(artifact.get("name"), artifact.get("type"),
					artifact.get("text").getBytes(StandardCharsets.UTF_8));
		}
		return artifacts.size();
	}

}
