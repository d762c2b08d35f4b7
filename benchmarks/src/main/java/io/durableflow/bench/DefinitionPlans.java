package io.durableflow.bench;

import java.util.ArrayList;
import java.util.List;

import io.durableflow.bench.DefinitionsBenchmark.Listing;
import io.durableflow.bench.QueuePlans.Explained;
import io.durableflow.bench.QueuePlans.Query;
import io.durableflow.definition.stored.DefinitionStore;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The plans of {@link DefinitionStore#page} and {@link DefinitionStore#count} for each
 * listing of {@link DefinitionsBenchmark}: the store's own SQL, prepared with typed
 * parameters as the driver binds them, explained with {@code ANALYZE} and {@code BUFFERS}
 * as the custom plan (the parameters' values known, what the server plans for the first
 * five executions) and as the generic plan (which it may keep after them), the first page
 * and a page in the middle.
 */
final class DefinitionPlans {

	private DefinitionPlans() {
	}

	static List<String> explain(JdbcTemplate jdbc, DefinitionStore store, List<Listing> listings, int size)
			throws Exception {
		String columns = DefinitionsBenchmark.staticString(DefinitionStore.class, "COLUMNS");
		String filter = DefinitionsBenchmark.staticString(DefinitionStore.class, "FILTER");
		String page = QueuePlans.positional("SELECT " + columns + " FROM durableflow.workflow_definitions WHERE "
				+ filter + " ORDER BY ref LIMIT ? OFFSET ?");
		String count = QueuePlans.positional("SELECT count(*) FROM durableflow.workflow_definitions WHERE " + filter);
		List<String> summary = new ArrayList<>();
		List<String> plans = new ArrayList<>();
		summary.add("## Plans");
		summary.add("");
		summary.add("EXPLAIN (ANALYZE, BUFFERS) of the store's statements, median of 5 after one discarded:");
		summary.add("");
		summary.add("| filter | statement | plan | scans (indexes) | execution (min–max) | buffers |");
		summary.add("|---|---|---|---|---|---|");
		for (Listing listing : listings) {
			long middle = store.count(listing.pack(), listing.tag(), listing.text()) / size / 2 * size;
			List<Query> queries = List.of(
					new Query("first page", page, DefinitionsBenchmark.parameters(listing, size, 0)),
					new Query("page at offset " + middle, page, DefinitionsBenchmark.parameters(listing, size, middle)),
					new Query("count", count, DefinitionsBenchmark.parameters(listing, 0, 0)));
			for (Query query : queries) {
				for (String mode : List.of("force_custom_plan", "force_generic_plan")) {
					Explained explained = QueuePlans.explain(jdbc, query, mode);
					String kind = mode.equals("force_custom_plan") ? "custom" : "generic";
					summary.add(String.format("| %s | %s | %s | %s | %.3f ms (%.3f–%.3f) | %s |", listing.title(),
							query.title(), kind, String.join(", ", explained.indexes()), explained.median(),
							explained.min(), explained.max(), explained.buffers()));
					plans.add("### " + listing.title() + ", " + query.title() + ", " + kind + " plan\n\n```\n"
							+ explained.plan() + "```\n");
				}
			}
		}
		summary.add("");
		summary.addAll(plans);
		return summary;
	}

	/**
	 * What the listing would take with statements written for it: only the filters that
	 * are given in the {@code WHERE} (so that a generic plan can use the pack and tag
	 * indexes), and the page's refs chosen before any wide column is read (so that
	 * skipped rows cost no {@code definition::text} or {@code source}).
	 */
	static WhatIf whatIf(Listing listing) throws Exception {
		String columns = DefinitionsBenchmark.staticString(DefinitionStore.class, "COLUMNS");
		List<String> where = new ArrayList<>();
		List<Object> values = new ArrayList<>();
		if (listing.pack() != null) {
			where.add("pack = ?");
			values.add(listing.pack());
		}
		if (listing.tag() != null) {
			where.add("tags @> ARRAY[?::text]");
			values.add(listing.tag());
		}
		if (listing.text() != null) {
			where.add("(ref ILIKE ? OR label ILIKE ? OR description ILIKE ?)");
			String like = "%" + listing.text().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
			values.addAll(List.of(like, like, like));
		}
		String filter = where.isEmpty() ? "TRUE" : String.join(" AND ", where);
		String page = "SELECT " + columns + " FROM durableflow.workflow_definitions WHERE ref IN (SELECT ref FROM "
				+ "durableflow.workflow_definitions WHERE " + filter + " ORDER BY ref LIMIT ? OFFSET ?) ORDER BY ref";
		return new WhatIf(page, "SELECT count(*) FROM durableflow.workflow_definitions WHERE " + filter, values);
	}

	/** A page and a count as {@link #whatIf} writes them. */
	record WhatIf(String pageSql, String countSql, List<Object> values) {

		/** The rows of the page, every column read as the store reads them. */
		int page(JdbcTemplate jdbc, int page, int size) {
			List<Object> arguments = new ArrayList<>(this.values);
			arguments.add(size);
			arguments.add((long) page * size);
			int[] rows = { 0 };
			jdbc.query(this.pageSql, (rs) -> {
				for (int column = 1; column <= rs.getMetaData().getColumnCount(); column++) {
					rs.getObject(column);
				}
				rows[0]++;
			}, arguments.toArray());
			return rows[0];
		}

		long count(JdbcTemplate jdbc) {
			Long count = jdbc.queryForObject(this.countSql, Long.class, this.values.toArray());
			return (count != null) ? count : 0;
		}

	}

}
