package io.durableflow.it;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import javax.sql.DataSource;

import io.durableflow.DurableWorkflow;
import io.durableflow.Workflow;
import io.durableflow.WorkflowContext;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Ten steps, plain and transactional by turns ({@link TransactionalKillTests}). A plain
 * step marks {@code plain_marks} (committed at once: it may repeat); a transactional one
 * inserts its row into {@code tx_ledger} inside its transaction (no unique key, so a
 * duplicate would show) and marks {@code tx_entered} on a connection of its own, so every
 * run of its body is seen, committed or not. On its first execution the {@code victim-tx}
 * run hangs inside {@code tx-2}'s body after its insert, and the {@code victim-plain} run
 * inside {@code plain-2}'s, so a test can kill the JVM there.
 */
@DurableWorkflow(name = "ledgered")
public class LedgeredWorkflow implements Workflow<String, String> {

	static final int PAIRS = 5;

	private final JdbcTemplate jdbc;

	private final DataSource dataSource;

	public LedgeredWorkflow(JdbcTemplate jdbc, DataSource dataSource) {
		this.jdbc = jdbc;
		this.dataSource = dataSource;
	}

	@Override
	public String run(WorkflowContext flow, String role) {
		for (int i = 0; i < PAIRS; i++) {
			String plain = "plain-" + i;
			flow.step(plain, () -> {
				int runs = insert("plain_marks", flow.runId(), plain);
				hold(role.equals("victim-plain") && plain.equals("plain-2") && runs == 1);
			});
			String tx = "tx-" + i;
			flow.transaction(tx, Integer.class, () -> {
				this.jdbc.update("INSERT INTO public.tx_ledger (run_id, step, pid) VALUES (?, ?, ?)", flow.runId(), tx,
						ProcessHandle.current().pid());
				int runs = enteredOutside(flow.runId(), tx);
				hold(role.equals("victim-tx") && tx.equals("tx-2") && runs == 1);
				return runs;
			});
		}
		return "done";
	}

	private int insert(String table, String runId, String step) {
		this.jdbc.update("INSERT INTO public." + table + " (run_id, step, pid) VALUES (?, ?, ?)", runId, step,
				ProcessHandle.current().pid());
		Integer count = this.jdbc.queryForObject(
				"SELECT count(*) FROM public." + table + " WHERE run_id = ? AND step = ?", Integer.class, runId, step);
		return (count != null) ? count : 0;
	}

	/**
	 * Marks {@code tx_entered} on a connection outside the step's transaction (committed
	 * at once) and returns how often the body was entered.
	 */
	private int enteredOutside(String runId, String step) throws SQLException {
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement insert = connection
					.prepareStatement("INSERT INTO public.tx_entered (run_id, step, pid) VALUES (?, ?, ?)");
				PreparedStatement count = connection
					.prepareStatement("SELECT count(*) FROM public.tx_entered WHERE run_id = ? AND step = ?")) {
			connection.setAutoCommit(true);
			insert.setString(1, runId);
			insert.setString(2, step);
			insert.setLong(3, ProcessHandle.current().pid());
			insert.executeUpdate();
			count.setString(1, runId);
			count.setString(2, step);
			try (var rs = count.executeQuery()) {
				rs.next();
				return rs.getInt(1);
			}
		}
	}

	private static void hold(boolean forever) throws InterruptedException {
		Thread.sleep(forever ? 600_000 : 20);
	}

	static void createTables(JdbcTemplate jdbc) {
		for (String table : new String[] { "plain_marks", "tx_ledger", "tx_entered" }) {
			jdbc.execute(
					"CREATE TABLE IF NOT EXISTS public." + table + " (id bigserial PRIMARY KEY, run_id text NOT NULL, "
							+ "step text NOT NULL, pid bigint NOT NULL)");
		}
	}

}
