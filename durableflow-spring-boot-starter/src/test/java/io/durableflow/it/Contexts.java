package io.durableflow.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.durableflow.DurableFlow;
import io.durableflow.RunStatus;
import io.durableflow.WorkflowRunView;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.awaitility.Awaitility.await;

/** Starts the test host application on a given database. */
public final class Contexts {

	private Contexts() {
	}

	public static ConfigurableApplicationContext start(String jdbcUrl, String... properties) {
		return start(new Class<?>[0], jdbcUrl, properties);
	}

	/** Starts the test host application with more configuration classes. */
	public static ConfigurableApplicationContext start(Class<?>[] configurations, String jdbcUrl,
			String... properties) {
		List<String> args = new ArrayList<>(List.of("--spring.datasource.url=" + jdbcUrl,
				"--durableflow.worker.poll-interval=200ms", "--spring.jpa.hibernate.ddl-auto=validate",
				"--spring.main.banner-mode=off", "--logging.level.root=WARN"));
		for (String property : properties) {
			// a property given here replaces the default above
			String key = "--" + property.substring(0, property.indexOf('=') + 1);
			args.removeIf((arg) -> arg.startsWith(key));
			args.add("--" + property);
		}
		return new SpringApplicationBuilder(TestApp.class).sources(configurations)
			.web(WebApplicationType.NONE)
			.run(args.toArray(String[]::new));
	}

	public static WorkflowRunView awaitStatus(DurableFlow flow, String runId, RunStatus status, Duration within) {
		await().atMost(within)
			.pollInterval(Duration.ofMillis(20))
			.until(() -> flow.find(runId).map(WorkflowRunView::status).orElse(null), (s) -> s == status);
		return flow.find(runId).orElseThrow();
	}

}
