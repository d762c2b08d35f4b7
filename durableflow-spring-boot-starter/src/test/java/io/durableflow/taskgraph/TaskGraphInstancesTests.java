package io.durableflow.taskgraph;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.durableflow.DurableFlow;
import io.durableflow.RunStatus;
import io.durableflow.StartOptions;
import io.durableflow.WorkflowRunView;
import io.durableflow.definition.WorkflowRegistry;
import io.durableflow.definition.stored.DefinitionStore;
import io.durableflow.definition.stored.StoredDefinition;
import io.durableflow.definition.yaml.DefinitionParser;
import io.durableflow.definition.yaml.ParsedDefinition;
import io.durableflow.test.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The items of a with_items task with concurrency run at the same time, as child runs
 * that two instances share, and never more than the concurrency at once.
 */
class TaskGraphInstancesTests {

	private static final String ITEMS = """
			ref: graph.shared_items
			version: "1"
			tasks:
			  - name: each
			    action: test.hold
			    with_items: "{{ range(12) | list }}"
			    concurrency: 4
			    input:
			      item: "{{ item }}"
			      millis: 300
			output_map:
			  items: "{{ task.each.results | map(attribute='item') | list }}"
			""";

	@Test
	void twoInstancesShareOneRunsItemsAndAtMostTheConcurrencyRunAtOnce() {
		String url = TestDatabase.newDatabase();
		List<ConfigurableApplicationContext> contexts = new ArrayList<>();
		try {
			for (int i = 0; i < 2; i++) {
				contexts.add(new SpringApplicationBuilder(GraphTestApp.class).web(WebApplicationType.NONE)
					.run("--spring.datasource.url=" + url, "--durableflow.worker.poll-interval=100ms",
							"--durableflow.definitions.locations=classpath:no-packs-here/",
							"--spring.main.banner-mode=off", "--logging.level.root=WARN"));
			}
			ConfigurableApplicationContext first = contexts.get(0);
			ParsedDefinition parsed = first.getBean(DefinitionParser.class).parse("items.yaml", ITEMS);
			assertThat(parsed.errors()).isEmpty();
			first.getBean(DefinitionStore.class)
				.register(parsed.model(), ITEMS, parsed.checksum(), StoredDefinition.API, null, Instant.now());
			contexts.forEach((context) -> context.getBean(WorkflowRegistry.class).refresh());
			GraphTestApp.Hold.peak.set(0);
			GraphTestApp.Hold.byInstance.clear();

			DurableFlow flow = first.getBean(DurableFlow.class);
			String runId = flow.start("graph.shared_items", Map.of(), StartOptions.defaults()).runId();
			await().atMost(Duration.ofSeconds(60)).until(() -> flow.find(runId).orElseThrow().status().isTerminal());
			WorkflowRunView run = flow.find(runId).orElseThrow();
			assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
			assertThat(run.output(Map.class)).isEqualTo(Map.of("items", List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)));
			assertThat(GraphTestApp.Hold.peak.get()).isBetween(2, 4);
			assertThat(GraphTestApp.Hold.byInstance).hasSize(2);
			assertThat(GraphTestApp.Hold.byInstance.values().stream().mapToInt((count) -> count.get()).sum())
				.isEqualTo(12);
		}
		finally {
			contexts.forEach(ConfigurableApplicationContext::close);
		}
	}

}
