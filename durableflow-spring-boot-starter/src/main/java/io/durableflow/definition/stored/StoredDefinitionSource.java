package io.durableflow.definition.stored;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.durableflow.DefinitionNotStartableException;
import io.durableflow.UnknownDefinitionException;
import io.durableflow.Workflow;
import io.durableflow.WorkflowDefinitionView;
import io.durableflow.definition.DefinitionSource;
import io.durableflow.definition.StartCheck;
import io.durableflow.definition.WorkflowDefinition;
import io.durableflow.json.WorkflowJson;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JavaType;

import org.springframework.beans.factory.ObjectProvider;

/**
 * The stored definitions as workflows: each ref at its current revision, version =
 * revision, source {@value WorkflowDefinitionView#YAML}, run by the
 * {@link DefinitionExecutor} bean. Without one they are listed but not startable: a start
 * is refused saying why. A start checks the parameters against the definition's schema,
 * fills their defaults, and locks the definition's row until the run is inserted, so that
 * a delete never misses a run that is being started. A ref that another source's workflow
 * already has is left out (that workflow keeps the name), with a warning.
 */
public class StoredDefinitionSource implements DefinitionSource {

	private static final Log logger = LogFactory.getLog(StoredDefinitionSource.class);

	private final DefinitionStore store;

	private final ObjectProvider<DefinitionExecutor> executors;

	private final WorkflowJson json;

	private final Supplier<Map<String, String>> otherWorkflows;

	private final JavaType inputType;

	private final JavaType outputType;

	/** Built workflows by ref, kept while the ref's revision and checksum stay. */
	private final Map<String, Built> built = new ConcurrentHashMap<>();

	/** The refs left out for a name another source has, each warned of once. */
	private final Map<String, String> leftOut = new ConcurrentHashMap<>();

	/**
	 * @param otherWorkflows the names the other sources' workflows take, each with its
	 * origin
	 */
	public StoredDefinitionSource(DefinitionStore store, ObjectProvider<DefinitionExecutor> executors,
			WorkflowJson json, Supplier<Map<String, String>> otherWorkflows) {
		this.store = store;
		this.executors = executors;
		this.json = json;
		this.otherWorkflows = otherWorkflows;
		this.inputType = json.mapper()
			.getTypeFactory()
			.constructMapType(LinkedHashMap.class, String.class, Object.class);
		this.outputType = json.type(Object.class);
	}

	@Override
	public List<WorkflowDefinition> definitions() {
		Map<String, String> others = this.otherWorkflows.get();
		List<StoredDefinition> stored = this.store.all();
		this.built.keySet().retainAll(stored.stream().map(StoredDefinition::ref).toList());
		this.leftOut.keySet()
			.retainAll(stored.stream().map(StoredDefinition::ref).filter(others::containsKey).toList());
		return stored.stream().filter((definition) -> {
			String other = others.get(definition.ref());
			if (other != null && !other.equals(this.leftOut.put(definition.ref(), other))) {
				logger.warn("Stored definition '" + definition.ref() + "' is not offered as a workflow: " + other
						+ " has that name. Delete the definition, or rename one of them");
			}
			return other == null;
		}).map(this::workflow).toList();
	}

	/**
	 * What has the name of a stored definition that is left out, or {@code null} when it
	 * is offered (as of the last time the registry asked).
	 */
	public @Nullable String takenBy(String ref) {
		return this.leftOut.get(ref);
	}

	/** Whether runs of stored definitions can be executed here. */
	public boolean startable() {
		return this.executors.getIfAvailable() != null;
	}

	/**
	 * Each task's status in a run of {@code definition}, as the
	 * {@link DefinitionExecutor} bean tells it; empty without one.
	 */
	public Map<String, String> taskStatuses(StoredDefinition definition, String runId) {
		DefinitionExecutor executor = this.executors.getIfAvailable();
		return (executor != null) ? executor.taskStatuses(definition, runId) : Map.of();
	}

	private WorkflowDefinition workflow(StoredDefinition definition) {
		Built cached = this.built.get(definition.ref());
		if (cached != null && cached.revision() == definition.revision()
				&& cached.checksum().equals(definition.checksum())) {
			return cached.workflow();
		}
		DefinitionExecutor executor = this.executors.getIfAvailable();
		Workflow<Object, Object> workflow = (executor != null) ? executor.workflow(definition) : (flow, input) -> {
			throw notStartable(definition.ref());
		};
		ParameterCheck parameters = new ParameterCheck(definition.ref(), definition.parametersJson(),
				this.json.mapper());
		StartCheck check = (input) -> {
			if (executor == null) {
				throw notStartable(definition.ref());
			}
			if (this.store.lockForStart(definition.ref()).isEmpty()) {
				throw new UnknownDefinitionException(definition.ref());
			}
			return parameters.check(input);
		};
		WorkflowDefinition built = new WorkflowDefinition(definition.ref(), definition.revision(),
				WorkflowDefinitionView.YAML, origin(definition), workflow, workflow.getClass(), this.inputType,
				this.outputType, check);
		this.built.put(definition.ref(), new Built(definition.revision(), definition.checksum(), built));
		return built;
	}

	static String origin(StoredDefinition definition) {
		return "definition '" + definition.ref() + "' (pack " + definition.pack() + ", "
				+ (Objects.equals(definition.origin(), StoredDefinition.FILE) ? "file " + definition.location()
						: "posted over the API")
				+ ")";
	}

	private static DefinitionNotStartableException notStartable(String ref) {
		return new DefinitionNotStartableException(ref,
				"this application has no DefinitionExecutor bean to run stored definitions");
	}

	private record Built(int revision, String checksum, WorkflowDefinition workflow) {
	}

}
