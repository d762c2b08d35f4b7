package io.durableflow.definition.stored;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.durableflow.WorkflowDefinitions;
import io.durableflow.WorkflowRunView;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs' inputs as they may be shown ({@link WorkflowDefinitions#maskedInput}): the secret
 * parameters of the revision each run started with masked by {@link SecretParameters}. A
 * revision never changes once registered (a ref deleted and registered again goes on from
 * its last revision), so what a revision marks secret is read once and kept, for the most
 * recently shown revisions.
 */
final class MaskedInputs {

	static final int CACHED_REVISIONS = 256;

	private final DefinitionStore store;

	private final JsonMapper mapper;

	/** ref and revision → the parameter schema, or empty when it marks nothing secret. */
	private final Map<String, Optional<JsonNode>> secrets = Collections
		.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Optional<JsonNode>> eldest) {
				return size() > CACHED_REVISIONS;
			}
		});

	MaskedInputs(DefinitionStore store, JsonMapper mapper) {
		this.store = store;
		this.mapper = mapper;
	}

	@Nullable Object masked(WorkflowRunView run) {
		String inputJson = run.inputJson();
		if (inputJson == null) {
			return null;
		}
		JsonNode input = this.mapper.readTree(inputJson);
		Optional<JsonNode> schema = secrets(run.workflowName(), run.definitionRevision());
		return this.mapper.treeToValue(schema.map((marks) -> SecretParameters.mask(marks, input)).orElse(input),
				Object.class);
	}

	/** The values of the run's secret parameters ({@link SecretValues}); often none. */
	Set<String> secretValues(WorkflowRunView run) {
		String inputJson = run.inputJson();
		if (inputJson == null) {
			return Set.of();
		}
		Optional<JsonNode> schema = secrets(run.workflowName(), run.definitionRevision());
		if (schema.isEmpty()) {
			return Set.of();
		}
		JsonNode input = this.mapper.readTree(inputJson);
		return SecretValues.of(input, SecretParameters.mask(schema.get(), input));
	}

	/** {@code json} with every one of {@code secrets} in it masked. */
	@Nullable String masked(@Nullable String json, Set<String> secrets) {
		if (json == null || secrets.isEmpty()) {
			return json;
		}
		return this.mapper.writeValueAsString(SecretValues.mask(this.mapper.readTree(json), secrets));
	}

	/**
	 * What the revision marks secret. A run with no revision is of a code workflow,
	 * unless a stored definition has its name: then its current revision is asked
	 * (uncached, as it changes). A revision that is not stored is another source's
	 * workflow's version; not kept, since a definition may be registered under that name
	 * later.
	 */
	private Optional<JsonNode> secrets(String ref, @Nullable Integer revision) {
		if (revision == null) {
			return this.store.parametersJson(ref, null).flatMap(this::marking);
		}
		String key = revision + "@" + ref;
		Optional<JsonNode> cached = this.secrets.get(key);
		if (cached != null) {
			return cached;
		}
		Optional<String> schema = this.store.parametersJson(ref, revision);
		if (schema.isEmpty()) {
			return Optional.empty();
		}
		Optional<JsonNode> marks = marking(schema.get());
		this.secrets.put(key, marks);
		return marks;
	}

	private Optional<JsonNode> marking(String schemaJson) {
		JsonNode schema = this.mapper.readTree(schemaJson);
		return SecretParameters.marksAny(schema) ? Optional.of(schema) : Optional.empty();
	}

}
