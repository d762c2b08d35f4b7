package io.durableflow.definition.stored;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.durableflow.definition.yaml.DefinitionProblem;
import io.durableflow.definition.yaml.InvalidDefinitionsException;
import io.durableflow.definition.yaml.PackLoadResult;
import io.durableflow.definition.yaml.PackLoader;
import io.durableflow.definition.yaml.ParseOptions;
import io.durableflow.definition.yaml.ParsedDefinition;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Registers the pack folders' definitions at start-up: every valid file is registered (a
 * new ref, a new revision, or unchanged), every problem is logged with its file, line and
 * column and kept for the console, and a file that cannot be registered never stops the
 * others (unless {@code durableflow.definitions.fail-on-error}, at start-up). A ref that
 * a code workflow already has is an error of the file, naming the workflow. A sync that
 * registered something runs the {@code afterChange} callback (which refreshes the
 * workflow registry).
 */
public class DefinitionSync implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(DefinitionSync.class);

	private final PackLoader loader;

	private final DefinitionStore store;

	private final Supplier<Set<String>> actionNames;

	private final Supplier<Map<String, String>> codeWorkflows;

	private final Clock clock;

	private final Runnable afterChange;

	private volatile @Nullable Report last;

	private final Map<String, JsonNode> packConfigs = new ConcurrentHashMap<>();

	/** The files not registered at their pack's last sync, by file. */
	private final Map<String, FileReport> unregistered = new TreeMap<>();

	/**
	 * @param actionNames the registered actions (those a definition names but which are
	 * not among them are warnings)
	 * @param codeWorkflows the names the code workflows take
	 */
	public DefinitionSync(PackLoader loader, DefinitionStore store, Supplier<Set<String>> actionNames,
			Supplier<Set<String>> codeWorkflows, Clock clock) {
		this(loader, store, actionNames, () -> {
			Map<String, String> names = new LinkedHashMap<>();
			codeWorkflows.get().forEach((name) -> names.put(name, "a code workflow (@DurableWorkflow)"));
			return names;
		}, clock, () -> {
		});
	}

	/**
	 * @param codeWorkflows the names the code workflows take, each with its origin
	 * @param afterChange run after a sync that registered a new ref or revision
	 */
	public DefinitionSync(PackLoader loader, DefinitionStore store, Supplier<Set<String>> actionNames,
			Supplier<Map<String, String>> codeWorkflows, Clock clock, Runnable afterChange) {
		this.loader = loader;
		this.store = store;
		this.actionNames = actionNames;
		this.codeWorkflows = codeWorkflows;
		this.clock = clock;
		this.afterChange = afterChange;
	}

	@Override
	public void afterSingletonsInstantiated() {
		register(this.loader.load(options()), null);
	}

	/**
	 * The configuration of {@code pack} as its last load read it ({@code config.yaml}
	 * under the {@code durableflow.definitions.packs.<pack>.config} properties): what
	 * {@code pack.config} is in its templates; empty when it has none.
	 */
	public JsonNode packConfig(String pack) {
		JsonNode config = this.packConfigs.get(pack);
		return (config != null) ? config : JsonNodeFactory.instance.objectNode();
	}

	/** What the last sync did. */
	public @Nullable Report last() {
		return this.last;
	}

	/**
	 * The files that could not be registered at their pack's last sync, each with its
	 * problems, by file.
	 */
	public synchronized List<FileReport> unregistered() {
		return List.copyOf(this.unregistered.values());
	}

	/** Loads every pack again and registers what changed. */
	public Report sync() {
		return register(this.loader.load(options()), null);
	}

	/**
	 * Loads one pack again and registers what changed. With
	 * {@code durableflow.definitions.fail-on-error}, the good files are registered too:
	 * that setting stops a start-up, not a sync.
	 */
	public Report sync(String pack) {
		PackLoadResult result;
		try {
			result = this.loader.loadPack(pack, options());
		}
		catch (InvalidDefinitionsException ex) {
			result = ex.result();
		}
		return register(result, pack);
	}

	/**
	 * As {@link #sync(String)}, when a location has that pack.
	 * @return what the sync did, or empty when no location has the pack (nothing done)
	 */
	public Optional<Report> syncFound(String pack) {
		PackLoadResult result;
		try {
			result = this.loader.loadPack(pack, options());
		}
		catch (InvalidDefinitionsException ex) {
			result = ex.result();
		}
		return found(result, pack) ? Optional.of(register(result, pack)) : Optional.empty();
	}

	/**
	 * Loads one pack and reports its problems, registering nothing: every problem a sync
	 * would find, a ref that a code workflow has among them.
	 */
	public PackLoadResult validate(String pack) {
		PackLoadResult result;
		try {
			result = this.loader.loadPack(pack, options());
		}
		catch (InvalidDefinitionsException ex) {
			result = ex.result();
		}
		Map<String, String> code = this.codeWorkflows.get();
		List<ParsedDefinition> checked = new ArrayList<>();
		for (ParsedDefinition definition : result.definitions()) {
			String clash = (definition.isValid()) ? code.get(definition.ref()) : null;
			checked.add((clash != null) ? withError(definition, clash(definition, clash)) : definition);
		}
		return new PackLoadResult(checked, result.problems(), result.packConfigs());
	}

	/** Whether a load found anything of the pack: a definition file or its config. */
	public static boolean found(PackLoadResult result, String pack) {
		return !result.definitions().isEmpty() || result.packConfigs().containsKey(pack);
	}

	private ParseOptions options() {
		return ParseOptions.standalone().withKnownActions(this.actionNames.get());
	}

	private Report register(PackLoadResult result, @Nullable String pack) {
		this.packConfigs.putAll(result.packConfigs());
		List<String> registered = new ArrayList<>();
		List<String> updated = new ArrayList<>();
		List<String> unchanged = new ArrayList<>();
		List<DefinitionProblem> problems = new ArrayList<>(result.problems());
		Map<String, FileReport> failed = new LinkedHashMap<>();
		for (DefinitionProblem problem : result.problems()) {
			// a pack's own problems (a bad config.yaml, a location that cannot be read)
			failed
				.computeIfAbsent(problem.file(), (file) -> new FileReport(file, packOf(file), null, new ArrayList<>()))
				.problems()
				.add(problem);
		}
		failed.values().removeIf((file) -> file.problems().stream().noneMatch(DefinitionProblem::isError));
		Map<String, String> code = this.codeWorkflows.get();
		for (ParsedDefinition definition : result.definitions()) {
			ParsedDefinition checked = definition;
			String clash = (definition.isValid()) ? code.get(definition.ref()) : null;
			if (clash != null) {
				checked = withError(definition, clash(definition, clash));
			}
			problems.addAll(checked.problems());
			if (!checked.isValid()) {
				failed.put(checked.file(),
						new FileReport(checked.file(), checked.pack(), checked.ref(), checked.problems()));
				continue;
			}
			DefinitionStore.Registration registration = this.store.register(checked.model(), checked.source(),
					checked.checksum(), StoredDefinition.FILE, checked.file(), this.clock.instant());
			switch (registration.outcome()) {
				case REGISTERED -> registered.add(checked.ref());
				case UPDATED -> updated.add(checked.ref());
				case UNCHANGED -> unchanged.add(checked.ref());
			}
		}
		log(problems, registered, updated, unchanged);
		synchronized (this) {
			this.unregistered.values().removeIf((file) -> pack == null || pack.equals(file.pack()));
			failed.values().forEach((file) -> this.unregistered.put(file.file(), file.frozen()));
		}
		Report report = new Report(registered, updated, unchanged, problems);
		this.last = report;
		if (!registered.isEmpty() || !updated.isEmpty()) {
			this.afterChange.run();
		}
		return report;
	}

	private static void log(List<DefinitionProblem> problems, List<String> registered, List<String> updated,
			List<String> unchanged) {
		for (DefinitionProblem problem : problems) {
			if (problem.isError()) {
				logger.warn("YAML definition not registered: " + problem);
			}
			else {
				logger.info("YAML definition: " + problem);
			}
		}
		if (!registered.isEmpty() || !updated.isEmpty()) {
			logger.info("YAML definitions: " + registered.size() + " registered, " + updated.size() + " updated, "
					+ unchanged.size() + " unchanged");
		}
	}

	private static String clash(ParsedDefinition definition, String workflow) {
		return "ref '" + definition.ref() + "' is the name of " + workflow + "; one name, one workflow";
	}

	private static ParsedDefinition withError(ParsedDefinition parsed, String message) {
		List<DefinitionProblem> problems = new ArrayList<>(parsed.problems());
		problems.add(0, DefinitionProblem.error(parsed.file(), 1, 1, "ref", message));
		return new ParsedDefinition(parsed.file(), parsed.pack(), parsed.ref(), parsed.source(), parsed.checksum(),
				null, problems);
	}

	/** The pack of a file named {@code <pack>/...}; {@code null} for a location. */
	private static @Nullable String packOf(String file) {
		int slash = file.indexOf('/');
		return (slash > 0 && !file.contains(":")) ? file.substring(0, slash) : null;
	}

	/** What a sync did: refs by outcome, and every problem found. */
	public record Report(List<String> registered, List<String> updated, List<String> unchanged,
			List<DefinitionProblem> problems) {

		public List<DefinitionProblem> errors() {
			return this.problems.stream().filter(DefinitionProblem::isError).toList();
		}

	}

	/**
	 * A file that could not be registered.
	 *
	 * @param file the file, relative to its location
	 * @param pack its pack, when known
	 * @param ref its ref, when known
	 * @param problems its problems, errors and warnings
	 */
	public record FileReport(String file, @Nullable String pack, @Nullable String ref,
			List<DefinitionProblem> problems) {

		FileReport frozen() {
			return new FileReport(this.file, this.pack, this.ref, List.copyOf(this.problems));
		}

	}

}
