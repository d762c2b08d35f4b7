package io.durableflow.ui;

import java.time.Duration;

import io.durableflow.DurableFlow;
import io.durableflow.RunStatus;
import io.durableflow.WorkflowDefinitions;
import io.durableflow.WorkflowRunView;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.awaitility.Awaitility.await;

/** The UI test host, for tests outside this package (the browser tests). */
public final class ConsoleTestSupport implements AutoCloseable {

	private final ConsoleHttp http;

	private ConsoleTestSupport(ConsoleHttp http) {
		this.http = http;
	}

	public static ConsoleTestSupport start(String... properties) {
		return new ConsoleTestSupport(new ConsoleHttp(properties));
	}

	public DurableFlow flow() {
		return this.http.context().getBean(DurableFlow.class);
	}

	public WorkflowDefinitions definitions() {
		return this.http.context().getBean(WorkflowDefinitions.class);
	}

	public String url(String path) {
		return "http://localhost:" + this.http.context().getEnvironment().getProperty("local.server.port") + path;
	}

	public void awaitStatus(String runId, RunStatus status) {
		await().atMost(Duration.ofSeconds(15))
			.until(() -> flow().find(runId).map(WorkflowRunView::status).orElse(null) == status);
	}

	/** How many runs are in this status now, counted in the database. */
	public long countRuns(String status) {
		return jdbc().queryForObject("SELECT count(*) FROM durableflow.workflow_runs WHERE status = ?", Long.class,
				status);
	}

	public JdbcTemplate jdbc() {
		return this.http.context().getBean(JdbcTemplate.class);
	}

	@Override
	public void close() {
		this.http.close();
	}

}
