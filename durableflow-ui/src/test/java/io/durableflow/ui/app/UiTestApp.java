package io.durableflow.ui.app;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.durableflow.DurableWorkflow;
import io.durableflow.Workflow;
import io.durableflow.WorkflowContext;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A web host for the UI module's tests. */
@SpringBootApplication
public class UiTestApp {

	@DurableWorkflow(name = "greeting")
	public static class Greeting implements Workflow<String, String> {

		@Override
		public String run(WorkflowContext flow, String name) {
			Optional<Map<String, Object>> event = flow.waitForEvent("greeted", Map.of("name", name),
					Duration.ofMinutes(5));
			return flow.step("answer", String.class,
					() -> "hello " + name + event.map((e) -> " from " + e.get("from")).orElse(""));
		}

	}

}
