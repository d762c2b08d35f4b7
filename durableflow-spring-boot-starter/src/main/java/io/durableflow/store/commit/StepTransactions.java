package io.durableflow.store.commit;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.ResourceTransactionManager;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The transactions of transactional steps ({@code flow.transaction}): the application's
 * transaction manager, over the engine's {@link DataSource}, so that the body's
 * JdbcTemplate and JPA calls and the step's fenced write (by {@link FencedWriter}, on the
 * body's connection: {@link GroupCommit} never shares the commit of a write made inside a
 * transaction) commit together or not at all.
 * <p>
 * The manager is the application's one {@link PlatformTransactionManager} (or its primary
 * one); among several without a primary, the one over the engine's DataSource; without
 * any, a {@link DataSourceTransactionManager} of our own over it. It is chosen when the
 * first transactional step runs, not at start-up, so an application that uses none is
 * never refused. Every transaction checks, before the body runs, that the manager bound
 * the engine's DataSource to it (a {@code DataSourceTransactionManager} or
 * {@code JpaTransactionManager} over that DataSource does); otherwise the engine's write
 * would commit on a connection of its own, and the step is refused.
 */
public final class StepTransactions {

	private final DataSource dataSource;

	private final ObjectProvider<PlatformTransactionManager> managers;

	private volatile @Nullable PlatformTransactionManager manager;

	public StepTransactions(DataSource dataSource, ObjectProvider<PlatformTransactionManager> managers) {
		this.dataSource = dataSource;
		this.managers = managers;
	}

	/**
	 * Runs {@code work} in a transaction of the step named {@code stepName} (joining the
	 * caller's, if one is active), with {@code timeout} (rounded up to whole seconds) as
	 * the transaction's timeout.
	 * @throws IllegalStateException if the transaction manager does not manage the
	 * engine's DataSource (before {@code work} runs)
	 */
	public <T> @Nullable T execute(String stepName, @Nullable Duration timeout, TransactionCallback<T> work) {
		PlatformTransactionManager manager = manager();
		TransactionTemplate template = new TransactionTemplate(manager);
		template.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRED);
		template.setName("durableflow.transaction " + stepName);
		if (timeout != null) {
			template.setTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, (timeout.toMillis() + 999) / 1000)));
		}
		return template.execute((status) -> {
			if (!TransactionSynchronizationManager.hasResource(this.dataSource)) {
				throw new IllegalStateException("flow.transaction('" + stepName + "'): the transaction manager "
						+ manager.getClass().getName() + " does not manage DurableFlow's DataSource (" + this.dataSource
						+ "), so the step could not be recorded in the body's transaction. Give the application a "
						+ "DataSourceTransactionManager or JpaTransactionManager over the DataSource DurableFlow uses "
						+ "(mark it @Primary if there are several)");
			}
			return work.doInTransaction(status);
		});
	}

	/** The transaction manager of transactional steps, chosen on first use. */
	public PlatformTransactionManager manager() {
		PlatformTransactionManager chosen = this.manager;
		if (chosen == null) {
			synchronized (this) {
				chosen = this.manager;
				if (chosen == null) {
					chosen = choose();
					this.manager = chosen;
				}
			}
		}
		return chosen;
	}

	private PlatformTransactionManager choose() {
		PlatformTransactionManager unique = this.managers.getIfUnique();
		if (unique != null) {
			return unique;
		}
		List<PlatformTransactionManager> all = this.managers.orderedStream().toList();
		if (all.isEmpty()) {
			return new DataSourceTransactionManager(this.dataSource);
		}
		List<PlatformTransactionManager> over = all.stream().filter((m) -> dataSourceOf(m) == this.dataSource).toList();
		if (over.size() == 1) {
			return over.get(0);
		}
		throw new IllegalStateException("flow.transaction needs one transaction manager over DurableFlow's DataSource; "
				+ "the application has " + all.size() + " ("
				+ all.stream().map((m) -> m.getClass().getName()).collect(Collectors.joining(", ")) + "), "
				+ over.size() + " of them over that DataSource and none @Primary: mark the one to use @Primary");
	}

	private static @Nullable Object dataSourceOf(PlatformTransactionManager manager) {
		if (manager instanceof JpaTransactionManager jpa) {
			return jpa.getDataSource();
		}
		if (manager instanceof ResourceTransactionManager resources) {
			return resources.getResourceFactory();
		}
		return null;
	}

}
