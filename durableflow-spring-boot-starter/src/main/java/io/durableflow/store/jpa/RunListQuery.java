package io.durableflow.store.jpa;

import java.util.ArrayList;
import java.util.List;

import io.durableflow.RunQuery;
import org.jspecify.annotations.Nullable;

/**
 * The statement of {@link io.durableflow.DurableFlow#runs}: the runs matching a
 * {@link RunQuery}, newest first (by id), as SQL with positional parameters ({@code ?1},
 * ...) and their values. A metadata filter is containment, {@code metadata @>
 * '{"customer":"acme"}'}, which the GIN index of migration V14 serves.
 *
 * @param sql the statement
 * @param args the parameters' values, in order
 */
public record RunListQuery(String sql, List<Object> args) {

	/**
	 * How many of the newest runs (that match the other criteria) a metadata filter looks
	 * at before it asks the GIN index.
	 */
	static final int WINDOW = 2000;

	/**
	 * The statement for {@code query}; {@code metadataJson} is its metadata as a JSON
	 * object, {@code null} when it has none.
	 */
	public static RunListQuery of(RunQuery query, @Nullable String metadataJson) {
		StringBuilder where = new StringBuilder("true");
		List<Object> args = new ArrayList<>();
		if (query.workflowName() != null) {
			args.add(query.workflowName());
			where.append(" AND workflow_name = ?").append(args.size());
		}
		if (query.status() != null) {
			args.add(query.status().dbValue());
			where.append(" AND status = ?").append(args.size());
		}
		// the older matches' bound hidden from the primary key (id + 0): bounded by it,
		// the planner reads a range of the key as long as the table instead of the GIN
		// index's few entries
		StringBuilder olderWhere = new StringBuilder(where);
		if (query.before() != null) {
			args.add(query.before());
			String before = "(SELECT b.id FROM durableflow.workflow_runs b WHERE b.run_id = ?" + args.size() + ")";
			where.append(" AND id < ").append(before);
			olderWhere.append(" AND id + 0 < ").append(before);
		}
		String sql;
		if (metadataJson != null) {
			args.add(metadataJson);
			String metadata = "CAST(?" + args.size() + " AS jsonb)";
			// the page among the newest WINDOW runs by the primary key if enough of them
			// match; only if not, every match through the GIN index (one branch or the
			// other runs: the planner's one-time filter decides)
			String hits = "(SELECT count(*) FROM recent WHERE hit)";
			sql = "WITH recent AS MATERIALIZED (SELECT id, metadata @> " + metadata + " AS hit "
					+ "FROM durableflow.workflow_runs WHERE " + where + " ORDER BY id DESC LIMIT " + WINDOW
					+ ") SELECT * FROM durableflow.workflow_runs WHERE id IN (SELECT id FROM recent WHERE hit AND "
					+ hits + " >= " + query.limit() + " UNION ALL SELECT id FROM durableflow.workflow_runs WHERE "
					+ olderWhere + " AND metadata @> " + metadata + " AND " + hits + " < " + query.limit()
					+ " ORDER BY id DESC LIMIT " + query.limit() + ") ORDER BY id DESC";
		}
		else {
			sql = "SELECT * FROM durableflow.workflow_runs WHERE " + where + " ORDER BY id DESC LIMIT " + query.limit();
		}
		return new RunListQuery(sql, List.copyOf(args));
	}

}
