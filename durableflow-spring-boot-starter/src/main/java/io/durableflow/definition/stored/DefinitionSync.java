package io.durableflow.definition.stored;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.durableflow.definition.yaml.DefinitionProblem;
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
 * others (unless {@code durableflow.definitions.fail-on-error}). A ref that a code
 * workflow already has is an error of the file, naming the bean.
 */
public class DefinitionSync implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(DefinitionSync.class);

	private final PackLoader loader;

	private final DefinitionStore store;

	private final Supplier<Set<String>> actionNames;

	private final Supplier<Set<String>> codeWorkflows;

	private final Clock clock;

	private volatile @Nullable Report last;

	private final Map<String, JsonNode> packConfigs = new ConcurrentHashMap<>();

	/**
	 * @param actionNames the registered actions (those a definition names but which are
	 * not among them are warnings)
	 * @param codeWorkflows the names the code workflows take
	 */
	public DefinitionSync(PackLoader loader, DefinitionStore store, Supplier<Set<String>> actionNames,
			Supplier<Set<String>> codeWorkflows, Clock clock) {
		this.loader = loader;
		this.store = store;
		this.actionNames = actionNames;
		this.codeWorkflows = codeWorkflows;
		this.clock = clock;
	}

	@Override
	public void afterSingletonsInstantiated() {
		sync();
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

	/** Loads every pack again and registers what changed. */
	public Report sync() {
		return register(this.loader.load(options()));
	}

	/** Loads one pack again and registers what changed. */
	public Report sync(String pack) {
		return register(this.loader.loadPack(pack, options()));
	}

	/** Loads one pack and reports its problems, registering nothing. */
	public PackLoadResult validate(String pack) {
		return this.loader.loadPack(pack, options());
	}

	private ParseOptions options() {
		return ParseOptions.standalone().withKnownActions(this.actionNames.get());
	}

	private Report register(PackLoadResult result) {
		this.packConfigs.putAll(result.packConfigs());
		List<String> registered = new ArrayList<>();
		List<String> updated = new ArrayList<>();
		List<String> unchanged = new ArrayList<>();
		List<DefinitionProblem> problems = new ArrayList<>(result.allProblems());
		Set<String> code = this.codeWorkflows.get();
		for (ParsedDefinition definition : result.valid()) {
			if (code.contains(definition.ref())) {
				problems.add(DefinitionProblem.error(definition.file(), 1, 1, "ref", "ref '" + definition.ref()
						+ "' is the name of a code workflow (@DurableWorkflow); one name, one workflow"));
				continue;
			}
			DefinitionStore.Registration registration = this.store.register(definition.model(), definition.source(),
					definition.checksum(), StoredDefinition.FILE, definition.file(), this.clock.instant());
			switch (registration.outcome()) {
				case REGISTERED -> registered.add(definition.ref());
				case UPDATED -> updated.add(definition.ref());
				case UNCHANGED -> unchanged.add(definition.ref());
			}
		}
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
		Report report = new Report(registered, updated, unchanged, problems);
		this.last = report;
		return report;
	}

	/** What a sync did: refs by outcome, and every problem found. */
	public record Report(List<String> registered, List<String> updated, List<String> unchanged,
			List<DefinitionProblem> problems) {

		public List<DefinitionProblem> errors() {
			return this.problems.stream().filter(DefinitionProblem::isError).toList();
		}

	}

}
