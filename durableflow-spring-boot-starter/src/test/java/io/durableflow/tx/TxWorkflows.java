package io.durableflow.tx;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import io.durableflow.DurableWorkflow;
import io.durableflow.StepOptions;
import io.durableflow.Workflow;
import io.durableflow.WorkflowContext;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Workflows with transactional steps that write the host's {@code ledger} table; each
 * counts how often its body ran (in this JVM, by run), committed or not.
 */
public final class TxWorkflows {

	private static final Map<String, AtomicInteger> BODY_RUNS = new ConcurrentHashMap<>();

	/** Runs once at the end of a {@code steal} body, before the step is written. */
	static final AtomicReference<Consumer<String>> beforeCommit = new AtomicReference<>();

	private TxWorkflows() {
	}

	static int bodyRuns(String runId) {
		AtomicInteger runs = BODY_RUNS.get(runId);
		return (runs != null) ? runs.get() : 0;
	}

	private static int ran(String runId) {
		return BODY_RUNS.computeIfAbsent(runId, (id) -> new AtomicInteger()).incrementAndGet();
	}

	private static StepOptions oneAttempt() {
		return StepOptions.builder().maxAttempts(1).build();
	}

	private static StepOptions quickRetries() {
		return StepOptions.builder().maxAttempts(3).initialBackoff(Duration.ofMillis(20)).build();
	}

	/**
	 * A plain step, a transactional step that inserts a ledger row through JdbcTemplate
	 * (its id is the step's result), a nap and a last plain step. Modes: {@code ok};
	 * {@code fail-once} (the first body run throws after its insert, one attempt only);
	 * {@code retry-once} (the same with three attempts); {@code steal} (the body runs
	 * {@link #beforeCommit} before returning); {@code slow} (a timeout of 1 s, the body
	 * sleeps 1.5 s after its insert).
	 */
	@DurableWorkflow(name = "tx.book")
	public static class Book implements Workflow<String, Long> {

		private final JdbcTemplate jdbc;

		public Book(JdbcTemplate jdbc) {
			this.jdbc = jdbc;
		}

		@Override
		public Long run(WorkflowContext flow, String mode) {
			flow.step("before", () -> {
			});
			StepOptions options = "retry-once".equals(mode) ? quickRetries() : "slow".equals(mode)
					? StepOptions.builder().maxAttempts(1).timeout(Duration.ofSeconds(1)).build() : oneAttempt();
			Long id = flow.transaction("book", options, Long.class, () -> {
				int run = ran(flow.runId());
				Long row = this.jdbc.queryForObject(
						"INSERT INTO ledger (run_id, step, note) VALUES (?, 'book', ?) RETURNING id", Long.class,
						flow.runId(), "body run " + run + ", in a transaction: "
								+ TransactionSynchronizationManager.isActualTransactionActive());
				if (mode.endsWith("-once") && run == 1) {
					throw new IllegalStateException("the first body run fails after its insert");
				}
				if ("slow".equals(mode)) {
					Thread.sleep(1_500);
				}
				if ("steal".equals(mode)) {
					Consumer<String> hook = beforeCommit.getAndSet(null);
					if (hook != null) {
						hook.accept(flow.runId());
					}
				}
				return row;
			});
			flow.sleep("nap", Duration.ofMillis(300));
			flow.step("after", () -> {
			});
			return id;
		}

	}

	/**
	 * A transactional step that saves a ledger entry through a JPA repository (no flush
	 * of its own) and inserts one through JdbcTemplate; its first body run throws after
	 * both, and a retry follows. Its result is the JPA entity's note.
	 */
	@DurableWorkflow(name = "tx.jpa")
	public static class Jpa implements Workflow<String, String> {

		private final LedgerRepository ledger;

		private final JdbcTemplate jdbc;

		public Jpa(LedgerRepository ledger, JdbcTemplate jdbc) {
			this.ledger = ledger;
			this.jdbc = jdbc;
		}

		@Override
		public String run(WorkflowContext flow, String input) {
			return flow.transaction("book", quickRetries(), String.class, () -> {
				int run = ran(flow.runId());
				LedgerEntry entry = this.ledger.save(new LedgerEntry(flow.runId(), "jpa", "body run " + run));
				this.jdbc.update("INSERT INTO ledger (run_id, step, note) VALUES (?, 'jdbc', ?)", flow.runId(),
						"body run " + run);
				if (run == 1) {
					throw new IllegalStateException("the first body run fails after its writes");
				}
				return entry.getNote();
			});
		}

	}

	/** A transactional step whose body inserts a row, then calls {@code flow.step}. */
	@DurableWorkflow(name = "tx.nested")
	public static class Nested implements Workflow<String, String> {

		private final JdbcTemplate jdbc;

		public Nested(JdbcTemplate jdbc) {
			this.jdbc = jdbc;
		}

		@Override
		public String run(WorkflowContext flow, String input) {
			return flow.transaction("book", String.class, () -> {
				ran(flow.runId());
				this.jdbc.update("INSERT INTO ledger (run_id, step) VALUES (?, 'book')", flow.runId());
				return flow.step("inner", String.class, () -> "never");
			});
		}

	}

}
