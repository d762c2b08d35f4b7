package io.durableflow.ui;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import io.durableflow.RunQuery;
import tools.jackson.databind.json.JsonMapper;

/**
 * A metadata filter of the runs list, as the console's filter field writes it
 * ({@code customer=acme, region=eu}) or the JSON API's parameters
 * ({@code metadata.customer=acme&metadata.region=eu}): pairs a run's metadata must all
 * hold. Keys and values are checked by {@link RunQuery.Builder#metadata(String, String)},
 * so a filter the API would refuse is refused here with the same message.
 */
final class RunMetadataFilter {

	/** The API's parameters of a metadata filter: {@code metadata.<key>}. */
	static final String PARAMETER_PREFIX = "metadata.";

	/**
	 * A map of strings as JSON needs no settings of the application's mapper.
	 */
	private static final JsonMapper JSON = JsonMapper.builder().build();

	private RunMetadataFilter() {
	}

	/**
	 * The pairs of the console's filter field: {@code key=value} pairs separated by
	 * commas, blanks around keys and values ignored; empty for a blank field. A value
	 * cannot hold a comma here (the API's parameters can).
	 * @throws IllegalArgumentException saying what is wrong and how to write it
	 */
	static Map<String, String> parse(String text) {
		if (text == null || text.isBlank()) {
			return Map.of();
		}
		RunQuery.Builder pairs = RunQuery.builder();
		for (String pair : text.split(",")) {
			int equals = pair.indexOf('=');
			if (equals < 0) {
				throw new IllegalArgumentException("Metadata filter '" + pair.strip()
						+ "' has no '=': write key=value pairs separated by commas, such as customer=acme, region=eu");
			}
			pairs.metadata(pair.substring(0, equals).strip(), pair.substring(equals + 1).strip());
		}
		return pairs.build().metadata();
	}

	/**
	 * The pairs of the API's {@code metadata.<key>=<value>} parameters, each key once.
	 * @throws IllegalArgumentException if a key is given twice or breaks a limit
	 */
	static Map<String, String> fromParameters(Map<String, String[]> parameters) {
		RunQuery.Builder pairs = RunQuery.builder();
		parameters.forEach((name, values) -> {
			if (name.startsWith(PARAMETER_PREFIX)) {
				String key = name.substring(PARAMETER_PREFIX.length());
				if (values.length != 1) {
					throw new IllegalArgumentException("Metadata filter '" + name + "' is given " + values.length
							+ " times; a run's key has one value, give it once");
				}
				pairs.metadata(key, values[0]);
			}
		});
		return pairs.build().metadata();
	}

	/**
	 * How many of the newest runs (that match the other filters) a metadata filter looks
	 * at before it asks the GIN index.
	 */
	static final int WINDOW = 2000;

	/**
	 * The newest {@code limit} runs of {@code where} whose metadata contains
	 * {@code parameter} (a jsonb parameter, given twice), selected by {@code select}
	 * (ending in {@code WHERE }). A filter many runs match finds its page among the
	 * newest {@value #WINDOW}, by the primary key; only when fewer match there does it
	 * ask the GIN index (migration V14) for the older ones, whose cost grows with how
	 * many runs match: at most a {@code limit}-in-{@value #WINDOW} share of the table, if
	 * matches are spread evenly. Left to itself the planner either walks the primary key,
	 * which reads the whole table for a value few runs have or none, or reads every match
	 * through the index, which for a value a quarter of the runs have reads most of the
	 * table; with a generic plan it cannot tell which case it is in.
	 */
	static String newestMatching(String select, String where, String olderWhere, String parameter, int limit) {
		String hits = "(SELECT count(*) FROM recent WHERE hit)";
		return "WITH recent AS MATERIALIZED (SELECT id, metadata @> " + parameter + " AS hit "
				+ "FROM durableflow.workflow_runs WHERE " + where + " ORDER BY id DESC LIMIT " + WINDOW + ") " + select
				+ "id IN (SELECT id FROM recent WHERE hit AND " + hits + " >= " + limit
				+ " UNION ALL SELECT id FROM durableflow.workflow_runs WHERE " + olderWhere + " AND metadata @> "
				+ parameter + " AND " + hits + " < " + limit + " ORDER BY id DESC LIMIT " + limit
				+ ") ORDER BY id DESC";
	}

	/** The pairs as the JSON object a containment ({@code @>}) compares with. */
	static String json(Map<String, String> pairs) {
		return JSON.writeValueAsString(pairs);
	}

	/** A run's stored metadata (a JSON object of strings), ordered by key. */
	static Map<String, String> read(String json) {
		if (json == null) {
			return Map.of();
		}
		Map<String, String> metadata = new TreeMap<>();
		JSON.readValue(json, Map.class)
			.forEach((key, value) -> metadata.put(String.valueOf(key), String.valueOf(value)));
		return Collections.unmodifiableMap(metadata);
	}

}
