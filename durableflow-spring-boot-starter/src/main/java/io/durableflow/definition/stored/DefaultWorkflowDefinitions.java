package io.durableflow.definition.stored;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.durableflow.DefinitionExistsException;
import io.durableflow.DurableFlow;
import io.durableflow.InvalidDefinitionException;
import io.durableflow.MalformedDefinitionException;
import io.durableflow.RunHandle;
import io.durableflow.RunNotFoundException;
import io.durableflow.StartOptions;
import io.durableflow.UnknownDefinitionException;
import io.durableflow.UnknownPackException;
import io.durableflow.WorkflowDefinitionView;
import io.durableflow.WorkflowDefinitions;
import io.durableflow.WorkflowRunView;
import io.durableflow.WorkflowTimeline;
import io.durableflow.definition.WorkflowDefinition;
import io.durableflow.definition.WorkflowRegistry;
import io.durableflow.definition.yaml.DefinitionParser;
import io.durableflow.definition.yaml.DefinitionProblem;
import io.durableflow.definition.yaml.PackLoadResult;
import io.durableflow.definition.yaml.ParseOptions;
import io.durableflow.definition.yaml.ParsedDefinition;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.util.Assert;

/**
 * The {@link WorkflowDefinitions} bean: stored definitions read, written and synced
 * through the registrar ({@link DefinitionStore}, {@link DefinitionSync}), the workflow
 * registry refreshed after every change ({@link DefinitionChanges}). A posted text is
 * read and validated exactly as a file is; its file name in problems is
 * {@value StoredDefinition#API}.
 */
public class DefaultWorkflowDefinitions implements WorkflowDefinitions {

	private final DefinitionStore store;

	private final DefinitionSync sync;

	private final DefinitionParser parser;

	private final WorkflowRegistry registry;

	private final Supplier<Map<String, String>> otherWorkflows;

	private final DefinitionViews views;

	private final StoredDefinitionSource source;

	private final ObjectProvider<DurableFlow> flow;

	private final JsonMapper mapper;

	private final Clock clock;

	private final Consumer<String> changed;

	private final List<String> locations;

	private final MaskedInputs maskedInputs;

	/**
	 * @param otherWorkflows the names of the workflows of other sources than stored
	 * definitions, each with its origin
	 * @param changed told what changed, after every change of stored definitions
	 * @param locations the pack locations, for messages
	 */
	public DefaultWorkflowDefinitions(DefinitionStore store, DefinitionSync sync, DefinitionParser parser,
			StoredDefinitionSource source, WorkflowRegistry registry, Supplier<java.util.Set<String>> actionNames,
			Supplier<Map<String, String>> otherWorkflows, ObjectProvider<DurableFlow> flow, JsonMapper mapper,
			Clock clock, Consumer<String> changed, List<String> locations) {
		this.store = store;
		this.sync = sync;
		this.parser = parser;
		this.registry = registry;
		this.otherWorkflows = otherWorkflows;
		this.views = new DefinitionViews(parser, actionNames, source, mapper);
		this.source = source;
		this.flow = flow;
		this.mapper = mapper;
		this.clock = clock;
		this.changed = changed;
		this.locations = List.copyOf(locations);
		this.maskedInputs = new MaskedInputs(store, mapper);
	}

	@Override
	public Page list(@Nullable String pack, @Nullable String tag, @Nullable String text, int page, int size) {
		Assert.isTrue(page >= 1, () -> "Pages are numbered from 1, was " + page);
		Assert.isTrue(size >= 1 && size <= MAX_PAGE_SIZE,
				() -> "A page holds 1 to " + MAX_PAGE_SIZE + " workflows, was " + size);
		String query = (text != null && !text.isBlank()) ? text.strip() : null;
		List<WorkflowDefinition> code = (pack != null || tag != null) ? List.of()
				: this.registry.all()
					.stream()
					.filter((workflow) -> !WorkflowDefinitionView.YAML.equals(workflow.source()))
					.filter((workflow) -> query == null
							|| workflow.name().toLowerCase(Locale.ROOT).contains(query.toLowerCase(Locale.ROOT)))
					.sorted(Comparator.comparing(WorkflowDefinition::name))
					.toList();
		long offset = (long) (page - 1) * size;
		List<Summary> items = new ArrayList<>();
		for (long i = offset; i < code.size() && items.size() < size; i++) {
			items.add(this.views.summary(code.get((int) i)));
		}
		if (items.size() < size) {
			this.store.slice(pack, tag, query, Math.max(0, offset - code.size()), size - items.size())
				.forEach((definition) -> items.add(this.views.summary(definition)));
		}
		return new Page(items, page, size, code.size() + this.store.count(pack, tag, query));
	}

	@Override
	public Optional<Details> find(String ref) {
		Optional<StoredDefinition> stored = this.store.find(ref);
		if (stored.isPresent()) {
			return Optional.of(this.views.details(stored.get(), true));
		}
		return this.registry.all()
			.stream()
			.filter((workflow) -> workflow.name().equals(ref) && !WorkflowDefinitionView.YAML.equals(workflow.source()))
			.findFirst()
			.map(this.views::details);
	}

	@Override
	public Optional<Details> find(String ref, int revision) {
		Optional<Integer> current = this.store.find(ref).map(StoredDefinition::revision);
		return this.store.revision(ref, revision)
			.map((definition) -> this.views.details(definition, current.isPresent() && current.get() == revision));
	}

	@Override
	public Map<String, String> taskStatuses(String runId) {
		WorkflowRunView run = this.flow.getObject().find(runId).orElseThrow(() -> new RunNotFoundException(runId));
		Integer revision = run.definitionRevision();
		if (revision == null) {
			return Map.of();
		}
		return this.store.revision(run.workflowName(), revision)
			.map((definition) -> this.source.taskStatuses(definition, runId))
			.orElse(Map.of());
	}

	@Override
	public List<Revision> versions(String ref) {
		List<StoredDefinition> revisions = this.store.revisions(ref);
		if (revisions.isEmpty()) {
			throw new UnknownDefinitionException(ref);
		}
		Optional<Integer> current = this.store.find(ref).map(StoredDefinition::revision);
		return revisions.stream()
			.map((revision) -> new Revision(revision.revision(), revision.version(), revision.origin(),
					revision.location(), revision.checksum(), revision.updatedAt(),
					current.isPresent() && current.get() == revision.revision()))
			.toList();
	}

	@Override
	public Details create(String body, Format format) {
		ParsedDefinition parsed = read(body, format, null);
		String taken = this.otherWorkflows.get().get(parsed.ref());
		if (taken != null) {
			throw new DefinitionExistsException(parsed.ref(), taken);
		}
		StoredDefinition created = this.store
			.create(parsed.model(), parsed.source(), parsed.checksum(), StoredDefinition.API, null,
					this.clock.instant())
			.orElseThrow(() -> new DefinitionExistsException(parsed.ref(),
					StoredDefinitionSource.origin(this.store.find(parsed.ref()).orElseThrow())));
		this.changed.accept(created.ref());
		return this.views.details(created, true);
	}

	@Override
	public Details update(String ref, String body, Format format) {
		String taken = this.otherWorkflows.get().get(ref);
		if (taken != null) {
			throw new DefinitionExistsException(ref, taken);
		}
		if (this.store.find(ref).isEmpty()) {
			throw new UnknownDefinitionException(ref);
		}
		ParsedDefinition parsed = read(body, format, ref);
		DefinitionStore.Registration registration = this.store
			.update(parsed.model(), parsed.source(), parsed.checksum(), StoredDefinition.API, null,
					this.clock.instant())
			.orElseThrow(() -> new UnknownDefinitionException(ref));
		if (registration.outcome() != DefinitionStore.Outcome.UNCHANGED) {
			this.changed.accept(ref);
		}
		return this.views.details(registration.definition(), true);
	}

	@Override
	public void delete(String ref) {
		if (!this.store.delete(ref)) {
			throw new UnknownDefinitionException(ref);
		}
		this.changed.accept(ref);
	}

	@Override
	public PackValidation validatePack(String pack) {
		PackLoadResult result = this.sync.validate(pack);
		if (!DefinitionSync.found(result, pack)) {
			throw new UnknownPackException(pack, this.locations);
		}
		List<FileProblems> files = new ArrayList<>();
		Map<String, List<DefinitionProblem>> packProblems = new LinkedHashMap<>();
		result.problems()
			.forEach((problem) -> packProblems.computeIfAbsent(problem.file(), (file) -> new ArrayList<>())
				.add(problem));
		packProblems.forEach((file, problems) -> files.add(DefinitionViews.file(file, null, problems)));
		result.definitions()
			.forEach((definition) -> files
				.add(DefinitionViews.file(definition.file(), definition.ref(), definition.problems())));
		return new PackValidation(pack, !result.hasErrors(), files);
	}

	@Override
	public PackSync syncPack(String pack) {
		DefinitionSync.Report report = this.sync.syncFound(pack)
			.orElseThrow(() -> new UnknownPackException(pack, this.locations));
		return new PackSync(pack, report.registered(), report.updated(), report.unchanged(),
				report.errors().stream().map(DefinitionViews::problem).toList());
	}

	@Override
	public List<FileProblems> unregistered() {
		return this.sync.unregistered()
			.stream()
			.map((file) -> DefinitionViews.file(file.file(), file.ref(), file.problems()))
			.toList();
	}

	@Override
	public RunHandle start(String ref, @Nullable Map<String, ?> parameters, @Nullable String runId) {
		StartOptions options = (runId != null) ? StartOptions.builder().runId(runId).build() : StartOptions.defaults();
		return this.flow.getObject().start(ref, (parameters != null) ? parameters : Map.of(), options);
	}

	@Override
	public @Nullable Object maskedInput(WorkflowRunView run) {
		return this.maskedInputs.masked(run);
	}

	@Override
	public WorkflowTimeline maskedTimeline(WorkflowRunView run, WorkflowTimeline timeline) {
		Set<String> secrets = this.maskedInputs.secretValues(run);
		if (secrets.isEmpty()) {
			return timeline;
		}
		return timeline.withSteps((step) -> step.withShownJson(this.maskedInputs.masked(step.inputJson(), secrets),
				this.maskedInputs.masked(step.resultJson(), secrets)));
	}

	@Override
	public @Nullable String maskedOutput(WorkflowRunView run) {
		return this.maskedInputs.masked(run.outputJson(), this.maskedInputs.secretValues(run));
	}

	@Override
	public long maxSourceBytes() {
		return this.parser.maxFileSize().toBytes();
	}

	/**
	 * The text read and validated as a file is.
	 * @param ref the ref it must have (a put), or {@code null} (a post: the text names
	 * it)
	 */
	private ParsedDefinition read(String body, Format format, @Nullable String ref) {
		if (format == Format.JSON) {
			requireJson(body);
		}
		byte[] text = body.getBytes(StandardCharsets.UTF_8);
		ParseOptions options = this.views.options().withExpectedRef(ref);
		ParsedDefinition parsed = this.parser.parse(StoredDefinition.API, text,
				(ref != null)
						? options.withPackConfig(
								this.sync.packConfig(ref.substring(0, ref.indexOf('.') + 1).replace(".", "")))
						: options);
		if (ref == null && parsed.pack() != null && !this.sync.packConfig(parsed.pack()).isEmpty()) {
			// its templates checked against its pack's configuration, as a file of the
			// pack is
			parsed = this.parser.parse(StoredDefinition.API, text,
					options.withPackConfig(this.sync.packConfig(parsed.pack())));
		}
		if (!parsed.isValid()) {
			Optional<DefinitionProblem> syntax = this.parser.syntaxError(StoredDefinition.API, body);
			if (syntax.isPresent()) {
				throw new MalformedDefinitionException(syntax.get().line(), syntax.get().column(),
						syntax.get().message());
			}
			throw new InvalidDefinitionException(parsed.ref(),
					parsed.errors().stream().map(DefinitionViews::problem).toList(),
					parsed.warnings().stream().map(DefinitionViews::problem).toList());
		}
		return parsed;
	}

	private void requireJson(String body) {
		try {
			this.mapper.readTree(body);
		}
		catch (JacksonException ex) {
			TokenStreamLocation location = ex.getLocation();
			int line = (location != null && location.getLineNr() > 0) ? location.getLineNr() : 1;
			int column = (location != null && location.getColumnNr() > 0) ? location.getColumnNr() : 1;
			throw new MalformedDefinitionException(line, column, "Not valid JSON: " + ex.getOriginalMessage());
		}
	}

}
