package io.durableflow.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A statement with named parameters ({@code :name}; PostgreSQL's {@code ::} casts and
 * quoted text are left alone), parsed once into JDBC's positional form. The engine's hot
 * statements bind arrays, which {@code NamedParameterJdbcTemplate} can only do through a
 * value wrapper per parameter; binding by name on the prepared statement keeps the one
 * parse and the direct binding. Every parameter must be bound before
 * {@link Binding#done()}, so a parameter left out is a clear error, not a silent
 * {@code NULL}.
 */
public final class NamedSql {

	private final String sql;

	private final Map<String, int[]> positions;

	private final int count;

	private NamedSql(String namedSql) {
		List<String> names = new ArrayList<>();
		this.sql = parse(namedSql, names);
		Map<String, List<Integer>> byName = new LinkedHashMap<>();
		for (int i = 0; i < names.size(); i++) {
			byName.computeIfAbsent(names.get(i), (name) -> new ArrayList<>()).add(i + 1);
		}
		Map<String, int[]> positions = new LinkedHashMap<>();
		byName.forEach((name, list) -> positions.put(name, list.stream().mapToInt(Integer::intValue).toArray()));
		this.positions = positions;
		this.count = names.size();
	}

	/**
	 * Replaces each {@code :name} by {@code ?}, outside quoted text, {@code --} comments
	 * and {@code ::} casts. (Double-quoted identifiers, block comments and dollar-quoted
	 * text are not used by the engine's statements; a colon in one would be taken for a
	 * parameter and fail at {@link Binding#done()}, never silently.)
	 */
	private static String parse(String namedSql, List<String> names) {
		StringBuilder sql = new StringBuilder(namedSql.length());
		int i = 0;
		while (i < namedSql.length()) {
			char c = namedSql.charAt(i);
			if (c == '\'') {
				int end = namedSql.indexOf('\'', i + 1);
				end = (end < 0) ? namedSql.length() - 1 : end;
				sql.append(namedSql, i, end + 1);
				i = end + 1;
			}
			else if (c == '-' && namedSql.startsWith("--", i)) {
				int end = namedSql.indexOf('\n', i);
				end = (end < 0) ? namedSql.length() : end;
				sql.append(namedSql, i, end);
				i = end;
			}
			else if (c == ':' && i + 1 < namedSql.length() && namedSql.charAt(i + 1) == ':') {
				sql.append("::");
				i += 2;
			}
			else if (c == ':' && i + 1 < namedSql.length() && Character.isJavaIdentifierStart(namedSql.charAt(i + 1))) {
				int end = i + 1;
				while (end < namedSql.length() && Character.isJavaIdentifierPart(namedSql.charAt(end))) {
					end++;
				}
				names.add(namedSql.substring(i + 1, end));
				sql.append('?');
				i = end;
			}
			else {
				sql.append(c);
				i++;
			}
		}
		return sql.toString();
	}

	public static NamedSql of(String namedSql) {
		return new NamedSql(namedSql);
	}

	/** The statement in JDBC's positional form. */
	public String sql() {
		return this.sql;
	}

	public Binding bind(Connection connection, PreparedStatement statement) {
		return new Binding(connection, statement);
	}

	/** Parameter values set by name on one prepared statement. */
	public final class Binding {

		private final Connection connection;

		private final PreparedStatement statement;

		private final BitSet bound = new BitSet();

		private Binding(Connection connection, PreparedStatement statement) {
			this.connection = connection;
			this.statement = statement;
		}

		public Binding text(String name, String value) throws SQLException {
			return set(name, (i) -> this.statement.setString(i, value));
		}

		public Binding value(String name, long value) throws SQLException {
			return set(name, (i) -> this.statement.setLong(i, value));
		}

		/** An integer that may be {@code null}. */
		public Binding integer(String name, @org.jspecify.annotations.Nullable Integer value) throws SQLException {
			return set(name, (i) -> {
				if (value != null) {
					this.statement.setInt(i, value);
				}
				else {
					this.statement.setNull(i, java.sql.Types.INTEGER);
				}
			});
		}

		public Binding value(String name, int value) throws SQLException {
			return set(name, (i) -> this.statement.setInt(i, value));
		}

		/**
		 * A time, as ISO-8601 text to be cast in SQL ({@code :name::timestamptz}): bound
		 * as text whether or not it is {@code null}, so the parameter's type never
		 * changes between executions and the driver keeps its one server-side prepared
		 * statement.
		 */
		public Binding time(String name, Instant value) throws SQLException {
			return text(name, (value != null) ? value.toString() : null);
		}

		/**
		 * An array of SQL type {@code type} ({@code text}, {@code int8}, {@code int4},
		 * ...).
		 */
		public Binding array(String name, String type, Object[] values) throws SQLException {
			return set(name, (i) -> this.statement.setArray(i, this.connection.createArrayOf(type, values)));
		}

		/** A text array of one column of {@code rows}. */
		public <T> Binding texts(String name, List<T> rows, Function<T, String> column) throws SQLException {
			String[] values = new String[rows.size()];
			for (int r = 0; r < values.length; r++) {
				values[r] = column.apply(rows.get(r));
			}
			return array(name, "text", values);
		}

		/**
		 * A text array of times ({@link Instant#toString()}, cast in SQL), one column of
		 * {@code rows}.
		 */
		public <T> Binding times(String name, List<T> rows, Function<T, Instant> column) throws SQLException {
			return texts(name, rows, (row) -> {
				Instant time = column.apply(row);
				return (time != null) ? time.toString() : null;
			});
		}

		/** Checks every parameter was bound. */
		public PreparedStatement done() {
			if (this.bound.cardinality() != NamedSql.this.count) {
				List<String> missing = NamedSql.this.positions.entrySet()
					.stream()
					.filter((entry) -> !this.bound.get(entry.getValue()[0]))
					.map(Map.Entry::getKey)
					.toList();
				throw new IllegalStateException("Parameters not bound: " + missing);
			}
			return this.statement;
		}

		/** Sets every occurrence of the parameter, and marks it bound. */
		private Binding set(String name, Setter setter) throws SQLException {
			for (int i : positions(name)) {
				setter.set(i);
			}
			return this;
		}

		private int[] positions(String name) {
			int[] positions = NamedSql.this.positions.get(name);
			if (positions == null) {
				throw new IllegalArgumentException("No parameter :" + name + " in " + NamedSql.this.sql);
			}
			for (int i : positions) {
				this.bound.set(i);
			}
			return positions;
		}

	}

	@FunctionalInterface
	private interface Setter {

		void set(int position) throws SQLException;

	}

}
