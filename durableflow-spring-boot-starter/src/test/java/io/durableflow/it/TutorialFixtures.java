package io.durableflow.it;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.durableflow.DurableWorkflow;
import io.durableflow.Workflow;
import io.durableflow.WorkflowContext;
import io.durableflow.tutorials.Tutorial;
import io.durableflow.tutorials.TutorialCatalog;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A catalog of four toy tutorials; each stays unfinished until it is told it is done. */
@Configuration(proxyBeanMethods = false)
public class TutorialFixtures {

	@Bean
	TutorialCatalog tutorialCatalog() {
		return () -> List.of(new Tutorial("check-links", "Check links", "tutorial-toy", "links"),
				new Tutorial("audit-typos", "Audit typos", "tutorial-toy", "typos"),
				new Tutorial("style-guide", "Style guide", "tutorial-toy", "style"),
				new Tutorial("fourth", "A fourth one", "tutorial-toy", "fourth"));
	}

	@DurableWorkflow(name = "tutorial-toy")
	public static class Toy implements Workflow<String, String> {

		@Override
		public String run(WorkflowContext flow, String lesson) {
			flow.waitForEvent("done", "tutorial.done", Map.of("run_id", flow.runId()), Duration.ofDays(1));
			return "learned " + lesson;
		}

	}

}
