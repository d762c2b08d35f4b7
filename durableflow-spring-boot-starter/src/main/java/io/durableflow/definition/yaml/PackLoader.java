package io.durableflow.definition.yaml;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternResolver;

/**
 * Loads the definitions of every pack under the configured locations. Each child folder
 * of a location is a pack; its definitions are {@code <pack>/workflows/<name>.yaml} (or
 * {@code .yml}) and {@code <pack>/actions/workflows/<name>.workflow.yaml}, each with ref
 * {@code <pack>.<name>}; its optional {@code config.yaml} is the pack's configuration,
 * under the overrides of {@link DefinitionsSettings#packConfig()}. One bad file never
 * stops the others: each is reported with its own problems, and the others load.
 *
 * <pre>{@code
 * PackLoader loader = new PackLoader(DefinitionsSettings.defaults().withLocations("file:/opt/packs/"));
 * PackLoadResult result = loader.load(ParseOptions.standalone().withKnownActions(actionNames));
 * result.valid().forEach((definition) -> register(definition.model()));
 * result.allProblems().forEach(log::warn);
 * }</pre>
 *
 * A location in a jar is found when the jar has directory entries, as those Spring Boot
 * builds do ({@code classpath*:} asks the class loader for the folder itself).
 */
public final class PackLoader {

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");

	/** The file patterns under a location, and whether each is the actions layout. */
	private static final Map<String, Boolean> PATTERNS = Map.of("*/workflows/*.yaml", false, "*/workflows/*.yml", false,
			"*/actions/workflows/*.workflow.yaml", true, "*/actions/workflows/*.workflow.yml", true);

	private final DefinitionParser parser;

	private final DefinitionsSettings settings;

	private final ResourcePatternResolver resolver;

	private final YamlSource yaml;

	public PackLoader(DefinitionsSettings settings) {
		this(new DefinitionParser(settings.maxFileSize()), settings, new PathMatchingResourcePatternResolver());
	}

	/**
	 * A loader sharing a parser (and its Jinja engine); the parser's size limit applies.
	 */
	public PackLoader(DefinitionParser parser, DefinitionsSettings settings, ResourcePatternResolver resolver) {
		this.parser = parser;
		this.settings = settings;
		this.resolver = resolver;
		this.yaml = new YamlSource((int) Math.min(Integer.MAX_VALUE, parser.maxFileSize().toBytes()));
	}

	/** Every pack, actions not checked. */
	public PackLoadResult load() {
		return load(ParseOptions.standalone());
	}

	/**
	 * Every pack, each file checked with these options (its expected ref and its pack's
	 * configuration are set per file).
	 * @throws InvalidDefinitionsException when {@link DefinitionsSettings#failOnError()}
	 * and any file or pack has an error
	 */
	public PackLoadResult load(ParseOptions options) {
		return load(options, null);
	}

	/** One pack only, such as for a sync of that pack. */
	public PackLoadResult loadPack(String pack, ParseOptions options) {
		return load(options, pack);
	}

	private PackLoadResult load(ParseOptions options, @Nullable String onlyPack) {
		List<DefinitionProblem> problems = new ArrayList<>();
		Map<String, PackFile> files = new TreeMap<>();
		Map<String, List<Resource>> configs = new TreeMap<>();
		for (String location : this.settings.locations()) {
			String base = location.endsWith("/") ? location : location + "/";
			for (Map.Entry<String, Boolean> pattern : PATTERNS.entrySet()) {
				for (Resource resource : resources(base + pattern.getKey(), problems)) {
					PackFile file = PackFile.of(resource, pattern.getValue());
					if (file != null && (onlyPack == null || onlyPack.equals(file.pack()))) {
						files.putIfAbsent(file.key(), file);
					}
				}
			}
			for (Resource resource : resources(base + "*/config.yaml", problems)) {
				String pack = parentName(resource, 1);
				if (pack != null && (onlyPack == null || onlyPack.equals(pack))) {
					configs.computeIfAbsent(pack, (name) -> new ArrayList<>()).add(resource);
				}
			}
		}
		Map<String, JsonNode> packConfigs = new TreeMap<>();
		for (PackFile file : files.values()) {
			packConfigs.computeIfAbsent(file.pack(), (pack) -> config(pack, configs, problems));
		}
		configs.keySet()
			.forEach((pack) -> packConfigs.computeIfAbsent(pack, (name) -> config(name, configs, problems)));
		List<ParsedDefinition> definitions = new ArrayList<>();
		Map<String, ParsedDefinition> byRef = new LinkedHashMap<>();
		List<PackFile> ordered = new ArrayList<>(files.values());
		ordered.sort(Comparator.comparing(PackFile::pack).thenComparing(PackFile::path));
		for (PackFile file : ordered) {
			ParsedDefinition parsed = parse(file, options.withPackConfig(packConfigs.get(file.pack())));
			ParsedDefinition first = (parsed.ref() != null) ? byRef.putIfAbsent(parsed.ref(), parsed) : null;
			if (first != null) {
				parsed = withError(parsed, "ref '" + parsed.ref() + "' is defined twice: " + first.file() + " has it "
						+ "too; rename one of the files");
			}
			definitions.add(parsed);
		}
		PackLoadResult result = new PackLoadResult(definitions, problems, packConfigs);
		if (this.settings.failOnError() && result.hasErrors()) {
			throw new InvalidDefinitionsException(result);
		}
		return result;
	}

	private List<Resource> resources(String pattern, List<DefinitionProblem> problems) {
		try {
			List<Resource> found = new ArrayList<>();
			for (Resource resource : this.resolver.getResources(pattern)) {
				if (resource.isReadable()) {
					found.add(resource);
				}
			}
			return found;
		}
		catch (IOException ex) {
			problems.add(DefinitionProblem.error(pattern, 1, 1, "",
					"Cannot read the location: " + ex.getMessage() + "; check durableflow.definitions.locations"));
			return List.of();
		}
	}

	private ParsedDefinition parse(PackFile file, ParseOptions options) {
		String ref = file.pack() + "." + file.name();
		if (!NAME.matcher(file.pack()).matches() || !NAME.matcher(file.name()).matches()) {
			return new ParsedDefinition(file.path(), file.pack(), null, null, null, null,
					List.of(DefinitionProblem.error(file.path(), 1, 1, "", "'" + ref + "' is not a ref: a pack's "
							+ "and a definition's names are letters, digits, '_' and '-'; rename the folder or file")));
		}
		try {
			long length = file.resource().contentLength();
			if (length > this.parser.maxFileSize().toBytes()) {
				return tooLarge(file, ref, length);
			}
			byte[] content = read(file.resource());
			if (content.length > this.parser.maxFileSize().toBytes()) {
				return tooLarge(file, ref, content.length);
			}
			return this.parser.parse(file.path(), content, options.withExpectedRef(ref));
		}
		catch (IOException | RuntimeException ex) {
			return new ParsedDefinition(file.path(), file.pack(), ref, null, null, null,
					List.of(DefinitionProblem.error(file.path(), 1, 1, "", "Cannot read the file: " + ex)));
		}
	}

	private ParsedDefinition tooLarge(PackFile file, String ref, long length) {
		return new ParsedDefinition(file.path(), file.pack(), ref, null, null, null,
				List.of(DefinitionProblem.error(file.path(), 1, 1, "", this.parser.tooLarge(length))));
	}

	private byte[] read(Resource resource) throws IOException {
		try (InputStream in = resource.getInputStream()) {
			return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, this.parser.maxFileSize().toBytes() + 1));
		}
	}

	private static ParsedDefinition withError(ParsedDefinition parsed, String message) {
		List<DefinitionProblem> problems = new ArrayList<>(parsed.problems());
		problems.add(0, DefinitionProblem.error(parsed.file(), 1, 1, "", message));
		return new ParsedDefinition(parsed.file(), parsed.pack(), parsed.ref(), parsed.source(), parsed.checksum(),
				null, problems);
	}

	/**
	 * The pack's config.yaml (the first location's, when several have one), then the
	 * overrides.
	 */
	private JsonNode config(String pack, Map<String, List<Resource>> configs, List<DefinitionProblem> problems) {
		ObjectNode config = JsonNodeFactory.instance.objectNode();
		List<Resource> resources = configs.getOrDefault(pack, List.of());
		if (!resources.isEmpty()) {
			String file = pack + "/config.yaml";
			Problems found = new Problems(file);
			try {
				byte[] content = read(resources.get(0));
				if (content.length > this.parser.maxFileSize().toBytes()) {
					found.error(SourceLocation.DOCUMENT, this.parser.tooLarge(content.length));
				}
				else {
					org.yaml.snakeyaml.nodes.Node root = this.yaml
						.compose(new String(content, java.nio.charset.StandardCharsets.UTF_8), found);
					if (root != null) {
						JsonNode json = new NodeJson(this.yaml.options(), found, new SourceMap()).convert(root, "");
						if (json.isObject()) {
							config.setAll((ObjectNode) json);
						}
						else if (!json.isNull()) {
							found.error(SourceLocation.of(root, ""),
									"A pack's config.yaml is a mapping of names to values");
						}
					}
				}
			}
			catch (IOException ex) {
				found.error(SourceLocation.DOCUMENT, "Cannot read the file: " + ex.getMessage());
			}
			problems.addAll(found.sorted());
		}
		merge(config, toJson(this.settings.packConfig().getOrDefault(pack, Map.of())));
		return config;
	}

	private static void merge(ObjectNode target, JsonNode overrides) {
		for (Map.Entry<String, JsonNode> entry : overrides.properties()) {
			JsonNode existing = target.get(entry.getKey());
			if (existing instanceof ObjectNode object && entry.getValue().isObject()) {
				merge(object, entry.getValue());
			}
			else {
				target.set(entry.getKey(), entry.getValue());
			}
		}
	}

	private static JsonNode toJson(@Nullable Object value) {
		JsonNodeFactory nodes = JsonNodeFactory.instance;
		if (value instanceof Map<?, ?> map) {
			ObjectNode object = nodes.objectNode();
			map.forEach((key, item) -> object.set(String.valueOf(key), toJson(item)));
			return object;
		}
		if (value instanceof List<?> list) {
			return nodes.arrayNode().addAll(list.stream().map(PackLoader::toJson).toList());
		}
		if (value instanceof Boolean bool) {
			return nodes.booleanNode(bool);
		}
		if (value instanceof Integer || value instanceof Long) {
			return nodes.numberNode(((Number) value).longValue());
		}
		if (value instanceof Number number) {
			return nodes.numberNode(number.doubleValue());
		}
		return (value != null) ? nodes.stringNode(value.toString()) : nodes.nullNode();
	}

	/** The name of the folder {@code levels} up from the resource, or {@code null}. */
	static @Nullable String parentName(Resource resource, int levels) {
		String[] parts = path(resource).split("/");
		int index = parts.length - 1 - levels;
		return (index >= 0) ? parts[index] : null;
	}

	private static String path(Resource resource) {
		try {
			String url = resource.getURL().toString();
			int bang = url.lastIndexOf("!/");
			return URLDecoder.decode((bang >= 0) ? url.substring(bang + 1) : url, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return String.valueOf(resource.getFilename());
		}
	}

	/**
	 * One definition file of a pack.
	 *
	 * @param pack the pack's folder name
	 * @param name the definition's name from the file name
	 * @param path the file relative to the location: {@code <pack>/workflows/<file>}
	 * @param resource the file
	 */
	record PackFile(String pack, String name, String path, Resource resource) {

		String key() {
			return this.path;
		}

		static @Nullable PackFile of(Resource resource, boolean actions) {
			String filename = resource.getFilename();
			if (filename == null) {
				return null;
			}
			String pack = parentName(resource, actions ? 3 : 2);
			if (pack == null) {
				return null;
			}
			String name = filename.substring(0, filename.lastIndexOf('.'));
			if (name.endsWith(".workflow")) {
				name = name.substring(0, name.length() - ".workflow".length());
			}
			String path = pack + (actions ? "/actions/workflows/" : "/workflows/") + filename;
			return new PackFile(pack, name, path, resource);
		}

	}

}
