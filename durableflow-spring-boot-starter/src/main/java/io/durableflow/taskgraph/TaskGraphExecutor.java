package io.durableflow.taskgraph;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.durableflow.StepError;
import io.durableflow.Workflow;
import io.durableflow.WorkflowContext;
import io.durableflow.definition.stored.DefinitionExecutor;
import io.durableflow.definition.stored.DefinitionStore;
import io.durableflow.definition.stored.StoredDefinition;
import io.durableflow.definition.yaml.DefinitionParser;
import io.durableflow.definition.yaml.ParsedDefinition;
import io.durableflow.definition.yaml.WorkflowDefinitionModel;
import io.durableflow.execution.EngineContext;
import io.durableflow.json.WorkflowJson;
import io.durableflow.queue.ClaimedRun;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Runs stored definitions: each execution reads the revision its run pinned at start
 * ({@code workflow_runs.definition_revision}, returned by the claim; the current one for
 * a run that has none), parsed once per revision, and interprets its task graph
 * ({@link TaskGraphRun}). What a task's templates see: the run's parameters, its
 * variables, the results of the tasks that ended, {@code system} ({@code run_id},
 * {@code workflow_start} and {@code timestamp}, both the run's creation time so that a
 * replay renders alike, and {@code identity.login}, the run's user) and
 * {@code pack.config}.
 */
public class TaskGraphExecutor implements DefinitionExecutor {

	private static final int CACHE_SIZE = 1_000;

	private final DefinitionStore store;

	private final DefinitionParser parser;

	private final WorkflowJson json;

	private final Function<String, JsonNode> packConfig;

	private final Function<String, @Nullable String> queues;

	private final TaskTemplates templates = new TaskTemplates();

	private final Map<String, WorkflowDefinitionModel> models = new ConcurrentHashMap<>();

	private final RunRecords records;

	/**
	 * @param packConfig a pack's configuration by pack name ({@code pack.config} in
	 * templates)
	 * @param queues the queue of an action by its name ({@code null}: the default one),
	 * where the items of a concurrent with_items task run
	 * @param jdbc where a run's steps are read to tell its tasks' statuses (executions
	 * read nothing of their own)
	 */
	public TaskGraphExecutor(DefinitionStore store, DefinitionParser parser, WorkflowJson json,
			Function<String, JsonNode> packConfig, Function<String, @Nullable String> queues, JdbcTemplate jdbc) {
		this.records = new RunRecords(jdbc, json);
		this.queues = queues;
		this.store = store;
		this.parser = parser;
		this.json = json;
		this.packConfig = packConfig;
	}

	@Override
	public Workflow<Object, Object> workflow(StoredDefinition definition) {
		String ref = definition.ref();
		return (flow, input) -> run(ref, flow, input);
	}

	/**
	 * Each task's status in the run, from its steps and child runs
	 * ({@link TaskStatuses}), at the revision the run pinned.
	 */
	@Override
	public Map<String, String> taskStatuses(StoredDefinition definition, String runId) {
		return this.records.read(runId)
			.map((run) -> TaskStatuses.of(model(definition.ref(), definition.revision()), run.steps(), run.children(),
					run.finished()))
			.orElse(Map.of());
	}

	@SuppressWarnings("unchecked")
	private Object run(String ref, WorkflowContext flow, @Nullable Object input) {
		if (!(flow instanceof EngineContext engine)) {
			throw new IllegalStateException(
					"A task graph runs on DurableFlow's own workflow context, not on " + flow.getClass().getName());
		}
		ClaimedRun run = engine.claimedRun();
		Integer revision = run.definitionRevision();
		String start = run.createdAt().toString();
		Object user = run.userId();
		WorkflowDefinitionModel model = model(ref, revision);
		Map<String, Object> parameters = (input instanceof Map<?, ?> map) ? (Map<String, Object>) map
				: (input == null) ? Map.of() : Map.of("input", input);
		Map<String, Object> identity = new LinkedHashMap<>();
		identity.put("login", user);
		Map<String, Object> system = new LinkedHashMap<>();
		system.put("run_id", flow.runId());
		system.put("workflow_start", start);
		system.put("timestamp", start);
		system.put("identity", identity);
		Map<String, Object> config = this.json.read(this.packConfig.apply(model.pack()).toString(), Map.class);
		return new TaskGraphRun(model, flow, this.templates, parameters, system, config, this.queues).run();
	}

	private WorkflowDefinitionModel model(String ref, @Nullable Integer revision) {
		String key = ref + "@" + revision;
		WorkflowDefinitionModel model = this.models.get(key);
		if (model != null) {
			return model;
		}
		StoredDefinition stored = ((revision != null) ? this.store.revision(ref, revision) : this.store.find(ref))
			.orElseThrow(() -> StepError.permanent("definition_not_found", "Definition '" + ref + "' "
					+ ((revision != null) ? "revision " + revision + " " : "") + "is not registered"));
		ParsedDefinition parsed = this.parser.parse(ref + ".json (revision " + stored.revision() + ")",
				stored.definitionJson());
		if (parsed.model() == null) {
			throw StepError.permanent("invalid_definition", "Definition '" + ref + "' revision " + stored.revision()
					+ " does not read back: " + parsed.errors());
		}
		if (this.models.size() >= CACHE_SIZE) {
			this.models.clear();
		}
		this.models.put(key, parsed.model());
		return parsed.model();
	}

}
