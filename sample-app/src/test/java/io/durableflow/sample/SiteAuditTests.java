package io.durableflow.sample;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.durableflow.ArtifactRef;
import io.durableflow.DurableFlow;
import io.durableflow.StartOptions;
import io.durableflow.StepGraphView;
import io.durableflow.StepGraphs;
import io.durableflow.WorkflowArtifacts;
import io.durableflow.sample.audit.SiteAuditWorkflow.AuditRequest;
import io.durableflow.testing.DurableFlowTester;
import io.durableflow.testing.EnableDurableFlowTesting;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The site audit (a step graph) runs to its report: one emitted step per link, the report
 * reading every check's result. The links point at a closed local port, so they fail fast
 * and for real, without the network.
 */
@SpringBootTest(properties = { "sample.embedded-postgres.data-dir=", "durableflow.worker.enabled=false" })
@EnableDurableFlowTesting
class SiteAuditTests {

	@Autowired
	DurableFlow flow;

	@Autowired
	DurableFlowTester tester;

	@Autowired
	StepGraphs graphs;

	@Autowired
	WorkflowArtifacts artifacts;

	@Test
	void theSiteAuditChecksEachLinkInAStepOfItsOwnAndReportsOnEverything() throws IOException {
		String body = "Teh guide links http://127.0.0.1:1/setup and http://127.0.0.1:1/faq, then "
				+ "http://127.0.0.1:1/setup again.";
		String runId = this.flow.start("site-audit", new AuditRequest("Guide", body), StartOptions.defaults()).runId();

		this.tester.runUntilIdle();

		this.tester.assertRun(runId).isCompleted();
		Map<?, ?> report = (Map<?, ?>) this.flow.find(runId).orElseThrow().output(Map.class).get("report");
		assertThat(report.get("typos")).isEqualTo(1);
		assertThat(report.get("linksChecked")).isEqualTo(2);
		assertThat((List<?>) report.get("brokenLinks")).hasSize(2)
			.allSatisfy((line) -> assertThat(line.toString()).startsWith("http://127.0.0.1:1/"));
		StepGraphView graph = this.graphs.graph(runId).orElseThrow();
		assertThat(graph.steps()).extracting(StepGraphView.Step::id)
			.containsExactly("typos", "style", "links", "link[0]", "link[1]", "report");
		assertThat(graph.steps()).extracting(StepGraphView.Step::status).containsOnly("succeeded");
		assertThat(graph.steps().get(5).dependsOn()).containsExactly("typos", "style", "links", "link[0]", "link[1]");
		// the report as an artifact of the run, its id in the result
		List<ArtifactRef> files = this.artifacts.list(runId);
		assertThat(files).singleElement().satisfies((file) -> {
			assertThat(file.name()).isEqualTo("audit-report.md");
			assertThat(file.id()).isEqualTo(report.get("reportArtifactId"));
		});
		try (InputStream in = this.artifacts.open(files.get(0))) {
			assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).startsWith("# Audit of Guide")
				.contains("Verdict: 3 finding(s)", "- broken: http://127.0.0.1:1/setup");
		}
	}

}
