package io.durableflow.sample.tutorials;

import java.util.List;

import io.durableflow.sample.checks.DocumentCheckWorkflow.CheckRequest;
import io.durableflow.tutorials.Tutorial;
import io.durableflow.tutorials.TutorialCatalog;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The v1 tutorial catalog: each tutorial runs the app's real document check on a demo
 * document. Adding a tutorial is one entry here.
 */
@Configuration(proxyBeanMethods = false)
public class SampleTutorials {

	@Bean
	TutorialCatalog tutorialCatalog(
			@Value("${sample.tutorials.demo-base-url:http://localhost:${server.port:8080}}") String base) {
		return () -> List.of(
				new Tutorial("check-links", "Find broken links", "document-check",
						new CheckRequest("broken_links", "Links demo",
								"Our docs live at " + base + "/actuator/health and the old wiki at " + base
										+ "/wiki/moved-away.")),
				new Tutorial("audit-typos", "Audit typos", "document-check",
						new CheckRequest("typo_check", "Typos demo",
								"We recieve feedback untill friday and definately answer it.")),
				new Tutorial("style-guide", "Apply the style guide", "document-check", new CheckRequest("style_guide",
						"Style demo", "In order to ship, the release was approved by the board. It is very unique.")));
	}

}
