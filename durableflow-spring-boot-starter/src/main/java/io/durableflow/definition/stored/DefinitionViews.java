package io.durableflow.definition.stored;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.durableflow.WorkflowDefinitionView;
import io.durableflow.WorkflowDefinitions;
import io.durableflow.WorkflowDefinitions.Details;
import io.durableflow.WorkflowDefinitions.Problem;
import io.durableflow.WorkflowDefinitions.Summary;
import io.durableflow.definition.WorkflowDefinition;
import io.durableflow.definition.yaml.DefinitionParser;
import io.durableflow.definition.yaml.DefinitionProblem;
import io.durableflow.definition.yaml.ParseOptions;
import io.durableflow.definition.yaml.ParsedDefinition;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stored definitions and registered workflows as the API shows them. A stored
 * definition's problems are those of its text read again now (with the actions known
 * now), plus a ref that another workflow took: they are kept per text, so a list reads
 * each text once.
 */
final class DefinitionViews {

	private static final int MAX_CACHED = 2_000;

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private final DefinitionParser parser;

	private final Supplier<Set<String>> actionNames;

	private final StoredDefinitionSource source;

	private final JsonMapper mapper;

	private final Map<String, List<DefinitionProblem>> problemsByText = new ConcurrentHashMap<>();

	DefinitionViews(DefinitionParser parser, Supplier<Set<String>> actionNames, StoredDefinitionSource source,
			JsonMapper mapper) {
		this.parser = parser;
		this.actionNames = actionNames;
		this.source = source;
		this.mapper = mapper;
	}

	ParseOptions options() {
		return ParseOptions.standalone().withKnownActions(this.actionNames.get());
	}

	Summary summary(StoredDefinition definition) {
		List<DefinitionProblem> problems = problems(definition);
		int errors = (int) problems.stream().filter(DefinitionProblem::isError).count();
		return new Summary(definition.ref(), WorkflowDefinitionView.YAML, definition.pack(), definition.label(),
				definition.description(), definition.version(), definition.revision(), definition.tags(),
				startable(definition, errors), errors, problems.size() - errors, definition.updatedAt());
	}

	Summary summary(WorkflowDefinition workflow) {
		return new Summary(workflow.name(), workflow.source(), null, null, null, null, revision(workflow), List.of(),
				true, 0, 0, null);
	}

	/**
	 * @param current whether it is the ref's current revision (an older one is not
	 * offered, whatever it says)
	 */
	Details details(StoredDefinition definition, boolean current) {
		List<DefinitionProblem> problems = current ? problems(definition) : List.copyOf(cached(definition));
		List<Problem> errors = problems.stream()
			.filter(DefinitionProblem::isError)
			.map(DefinitionViews::problem)
			.toList();
		List<Problem> warnings = problems.stream()
			.filter((problem) -> !problem.isError())
			.map(DefinitionViews::problem)
			.toList();
		return new Details(definition.ref(), WorkflowDefinitionView.YAML, definition.pack(), definition.label(),
				definition.description(), definition.version(), definition.revision(), definition.tags(),
				map(definition.parametersJson()), map(definition.outputJson()), map(definition.definitionJson()),
				definition.source(), definition.origin(), definition.location(), errors, warnings,
				current && startable(definition, errors.size()), definition.createdAt(), definition.updatedAt());
	}

	Details details(WorkflowDefinition workflow) {
		return new Details(workflow.name(), workflow.source(), null, null, null, null, revision(workflow), List.of(),
				null, null, null, null, null, null, List.of(), List.of(), true, null, null);
	}

	private boolean startable(StoredDefinition definition, int errors) {
		return errors == 0 && this.source.startable() && this.source.takenBy(definition.ref()) == null;
	}

	private static @Nullable Integer revision(WorkflowDefinition workflow) {
		return WorkflowDefinitionView.BEAN.equals(workflow.source()) ? null : workflow.version();
	}

	private List<DefinitionProblem> problems(StoredDefinition definition) {
		List<DefinitionProblem> problems = new ArrayList<>(cached(definition));
		String taken = this.source.takenBy(definition.ref());
		if (taken != null) {
			problems.add(0, DefinitionProblem.error(file(definition), 1, 1, "ref", "ref '" + definition.ref()
					+ "' is the name of " + taken + ": this definition is not offered as a workflow"));
		}
		return problems;
	}

	/**
	 * The problems of its text, read once per text (a run's page asks for the revision
	 * the run pinned at every change of the run).
	 */
	private List<DefinitionProblem> cached(StoredDefinition definition) {
		List<DefinitionProblem> problems = this.problemsByText
			.computeIfAbsent(definition.ref() + "@" + definition.checksum(), (key) -> reread(definition));
		if (this.problemsByText.size() > MAX_CACHED) {
			this.problemsByText.clear();
		}
		return problems;
	}

	private List<DefinitionProblem> reread(StoredDefinition definition) {
		ParsedDefinition parsed = this.parser.parse(file(definition), definition.source(),
				options().withExpectedRef(definition.ref()));
		return parsed.problems();
	}

	private static String file(StoredDefinition definition) {
		return (definition.location() != null) ? definition.location() : StoredDefinition.API;
	}

	static Problem problem(DefinitionProblem problem) {
		return new Problem(problem.file(), problem.line(), problem.column(), problem.path(), problem.message(),
				problem.isError());
	}

	static WorkflowDefinitions.FileProblems file(String file, @Nullable String ref, List<DefinitionProblem> problems) {
		return new WorkflowDefinitions.FileProblems(file, ref,
				problems.stream().filter(DefinitionProblem::isError).map(DefinitionViews::problem).toList(),
				problems.stream().filter((problem) -> !problem.isError()).map(DefinitionViews::problem).toList());
	}

	private @Nullable Map<String, Object> map(@Nullable String json) {
		if (json == null) {
			return null;
		}
		try {
			return this.mapper.readValue(json, MAP);
		}
		catch (JacksonException ex) {
			throw new IllegalStateException("A stored definition's JSON cannot be read: " + ex.getOriginalMessage(),
					ex);
		}
	}

}
