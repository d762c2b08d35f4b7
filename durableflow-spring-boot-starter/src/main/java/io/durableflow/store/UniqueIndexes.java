package io.durableflow.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.Optional;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.postgresql.util.PSQLException;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Writes that a unique index of the schema may refuse, as a rule of the product rather
 * than an error: one active tutorial per user and slug, one unfinished run per workflow
 * and dedup key. The write runs under a savepoint of the caller's transaction (call
 * inside one), so the refusal leaves that transaction usable: the caller can then read
 * who holds the place and say so.
 */
public final class UniqueIndexes {

	private UniqueIndexes() {
	}

	/**
	 * The result of {@code write}, or empty when the unique index {@code index} refused
	 * it (other refusals are thrown as they are).
	 */
	public static <T> Optional<T> unlessRefused(DataSource dataSource, String index, Supplier<T> write) {
		Connection connection = DataSourceUtils.getConnection(dataSource);
		try {
			Savepoint savepoint = call(() -> connection.setSavepoint(), "set");
			try {
				T result = write.get();
				call(() -> {
					connection.releaseSavepoint(savepoint);
					return null;
				}, "release");
				return Optional.ofNullable(result);
			}
			catch (DuplicateKeyException ex) {
				call(() -> {
					connection.rollback(savepoint);
					return null;
				}, "roll back to");
				if (index.equals(constraintOf(ex))) {
					return Optional.empty();
				}
				throw ex;
			}
		}
		finally {
			DataSourceUtils.releaseConnection(connection, dataSource);
		}
	}

	private static @Nullable String constraintOf(DuplicateKeyException ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
				return psql.getServerErrorMessage().getConstraint();
			}
		}
		return null;
	}

	private static <T> T call(SqlCall<T> call, String what) {
		try {
			return call.call();
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not " + what + " a savepoint: " + ex.getMessage(), ex);
		}
	}

	@FunctionalInterface
	private interface SqlCall<T> {

		T call() throws SQLException;

	}

}
