package io.durableflow.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * {@code --statements}: what the engine's statements and indexes cost, from PostgreSQL.
 */
final class PgStatements {

	private PgStatements() {
	}

	/**
	 * The engine's statements by total execution time (pg_stat_statements), per completed
	 * workflow.
	 */
	static void print(String url) throws Exception {
		try (Connection connection = DriverManager.getConnection(url);
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
			try (ResultSet rs = statement.executeQuery(
					"""
							SELECT calls, total_exec_time, total_plan_time, left(regexp_replace(query, '\\s+', ' ', 'g'), 110)
							FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
							ORDER BY total_exec_time DESC LIMIT 15""")) {
				System.out.println("calls | exec ms | plan ms | statement (since start, incl. warm-up)");
				while (rs.next()) {
					System.out.printf("%d | %.0f | %.0f | %s%n", rs.getLong(1), rs.getDouble(2), rs.getDouble(3),
							rs.getString(4));
				}
			}
			try (ResultSet rs = statement.executeQuery("""
					SELECT indexrelname, idx_scan, idx_tup_read, idx_tup_fetch FROM pg_stat_user_indexes
					WHERE schemaname = 'durableflow' AND idx_scan > 0 ORDER BY idx_tup_read DESC""")) {
				System.out.println("index | scans | entries read | rows fetched");
				while (rs.next()) {
					System.out.printf("%s | %d | %d | %d%n", rs.getString(1), rs.getLong(2), rs.getLong(3),
							rs.getLong(4));
				}
			}
		}
	}

}
