package io.durableflow.store.schema;

import java.util.List;

import io.durableflow.test.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Migrations applied to a database that already holds runs, as an upgrade meets them,
 * rather than to the empty databases the other tests start from.
 */
class SchemaMigrationTests {

	@Test
	void runIdsBecomeBytewiseWithTheirRowsKeysAndPrefixSearchIntact() {
		SingleConnectionDataSource dataSource = new SingleConnectionDataSource(TestDatabase.newDatabase(), true);
		try {
			JdbcTemplate jdbc = new JdbcTemplate(dataSource);
			DurableFlowSchema.flyway(dataSource).target("4").load().migrate();
			jdbc.update("""
					INSERT INTO durableflow.workflow_runs (run_id, workflow_name, status, next_due_at)
					VALUES ('run-b', 'wf', 'sleeping', now()), ('run-a', 'wf', 'completed', NULL),
					       ('child-1', 'wf', 'pending', now())""");
			jdbc.update("UPDATE durableflow.workflow_runs SET parent_run_id = 'run-a' WHERE run_id = 'child-1'");
			jdbc.update("""
					INSERT INTO durableflow.workflow_steps (run_id, name, seq, kind, status)
					VALUES ('run-b', 'one', 1, 'step', 'completed'), ('run-a', 'one', 1, 'step', 'completed')""");
			jdbc.update("""
					INSERT INTO durableflow.workflow_waits (run_id, step_name, event_name)
					VALUES ('run-b', 'approval', 'approved')""");
			jdbc.update(
					"INSERT INTO durableflow.workflow_logs (run_id, level, message) VALUES ('run-b', 'info', 'hi')");

			// what the application does at start-up: every migration not applied yet
			new DurableFlowSchema(dataSource).afterPropertiesSet();

			assertThat(jdbc.queryForList("""
					SELECT c.relname || '.' || a.attname || ' ' || coalesce(co.collname, '-')
					FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
					JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'durableflow'
					LEFT JOIN pg_collation co ON co.oid = a.attcollation
					WHERE a.attname IN ('run_id', 'parent_run_id') AND c.relkind = 'r' ORDER BY 1""", String.class))
				.containsExactly("workflow_artifacts.run_id C", "workflow_logs.run_id C",
						"workflow_runs.parent_run_id C", "workflow_runs.run_id C", "workflow_steps.run_id C",
						"workflow_waits.run_id C");
			assertThat(jdbc.queryForList("SELECT run_id FROM durableflow.workflow_runs ORDER BY run_id", String.class))
				.containsExactly("child-1", "run-a", "run-b");
			assertThat(jdbc.queryForObject("SELECT count(*) FROM durableflow.workflow_steps", Integer.class))
				.isEqualTo(2);

			// the keys still hold: one run per id, and no step of a run that does not
			// exist
			assertThatExceptionOfType(org.springframework.dao.DuplicateKeyException.class).isThrownBy(() -> jdbc
				.update("INSERT INTO durableflow.workflow_runs (run_id, workflow_name) VALUES ('run-a', 'wf')"));
			assertThatExceptionOfType(org.springframework.dao.DataIntegrityViolationException.class)
				.isThrownBy(() -> jdbc.update("""
						INSERT INTO durableflow.workflow_steps (run_id, name, seq, kind, status)
						VALUES ('run-zz', 'one', 1, 'step', 'completed')"""));
			// and deleting a run still takes its steps, waits and logs with it
			jdbc.update("DELETE FROM durableflow.workflow_runs WHERE run_id = 'run-b'");
			assertThat(jdbc.queryForObject("""
					SELECT (SELECT count(*) FROM durableflow.workflow_steps WHERE run_id = 'run-b')
					     + (SELECT count(*) FROM durableflow.workflow_waits WHERE run_id = 'run-b')
					     + (SELECT count(*) FROM durableflow.workflow_logs WHERE run_id = 'run-b')""", Integer.class))
				.isZero();

			// the console's prefix search is served by the unique index, whatever the
			// database's collation
			assertThat(jdbc.queryForList("SELECT indexname FROM pg_indexes WHERE schemaname = 'durableflow' "
					+ "AND tablename = 'workflow_runs' AND indexdef LIKE '%(run_id%'", String.class))
				.containsExactlyInAnyOrder("workflow_runs_run_id_key", "workflow_runs_awaited");
			jdbc.execute("SET enable_seqscan = off");
			List<String> plan = jdbc.queryForList(
					"EXPLAIN SELECT id FROM durableflow.workflow_runs WHERE run_id LIKE 'run-%'", String.class);
			assertThat(String.join("\n", plan)).contains("workflow_runs_run_id_key").contains("run_id >= 'run-'::text");
		}
		finally {
			dataSource.destroy();
		}
	}

}
