package io.durableflow.definition.yaml;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import tools.jackson.databind.JsonNode;

/**
 * Reads one definition's text into the model, with the location of every part. Shape
 * problems (not YAML, wrong types, unknown keys, duplicate keys, a ref that disagrees
 * with the file's place) are reported here; what the definition means is checked by
 * {@link DefinitionValidator}. The model is built as far as the text allows, so that the
 * validator can report everything else in the same pass.
 */
final class DefinitionReader {

	static final Set<String> KEYS = Set.of("ref", "label", "description", "version", "parameters", "output", "vars",
			"tasks", "output_map", "tags", "cancellation_policy");

	static final Pattern REF = Pattern.compile("([A-Za-z0-9_-]+)\\.([A-Za-z0-9_.-]+)");

	private final YamlSource yaml;

	DefinitionReader(YamlSource yaml) {
		this.yaml = yaml;
	}

	/**
	 * Reads the text. {@code expectedRef} is the ref the file's place gives it (in a
	 * pack), {@code null} when the file alone says (an upload).
	 */
	Read read(String text, @Nullable String expectedRef, Problems problems) {
		SourceMap sourceMap = new SourceMap();
		Node root = this.yaml.compose(text, problems);
		if (root == null) {
			if (!problems.hasErrors()) {
				problems.error(SourceLocation.DOCUMENT,
						"The file is empty: a definition needs at least a version " + "and tasks");
			}
			return new Read(null, sourceMap);
		}
		if (!(root instanceof MappingNode mapping)) {
			problems.error(SourceLocation.of(root, ""),
					"A definition is a mapping (ref, version, tasks, ...), was '" + Values.shown(root) + "'");
			return new Read(null, sourceMap);
		}
		NodeJson json = new NodeJson(this.yaml.options(), problems, sourceMap);
		YamlEntries entries = YamlEntries.of(mapping, "", problems);
		sourceMap.put("", entries.location());
		entries.warnUnknown(KEYS, "the definition", problems);
		String ref = ref(entries, expectedRef, problems);
		java.util.regex.Matcher parts = REF.matcher(ref);
		boolean wellFormed = parts.matches();
		String version = Values.text(entries.get("version"), "'version'", problems);
		putValue(sourceMap, entries.get("version"));
		WorkflowDefinitionModel model = new WorkflowDefinitionModel(ref, wellFormed ? parts.group(1) : "",
				wellFormed ? parts.group(2) : "", Values.text(entries.get("label"), "'label'", problems),
				Values.text(entries.get("description"), "'description'", problems), (version != null) ? version : "",
				tags(entries.get("tags"), problems), ParameterSchemas.read(entries.get("parameters"), json, problems),
				ParameterSchemas.read(entries.get("output"), json, problems),
				values(entries.get("vars"), json, problems),
				new TaskReader(json, problems, sourceMap).readAll(entries.get("tasks")),
				values(entries.get("output_map"), json, problems), cancellationPolicy(entries, problems));
		return new Read(model, sourceMap);
	}

	private static String ref(YamlEntries entries, @Nullable String expectedRef, Problems problems) {
		YamlEntries.Entry entry = entries.get("ref");
		String written = Values.text(entry, "'ref'", problems);
		if (expectedRef != null) {
			if (written != null && !written.equals(expectedRef)) {
				problems.error(entry.valueLocation(), "ref '" + written + "' does not agree with '" + expectedRef
						+ "', the ref its pack and file name give it: make them agree, or remove 'ref'");
			}
			return expectedRef;
		}
		if (written == null) {
			problems.error(entries.location(), "A definition needs a ref: <pack>.<name>, such as examples.deploy");
			return "";
		}
		if (!REF.matcher(written).matches()) {
			problems.error(entry.valueLocation(), "ref '" + written
					+ "' must be <pack>.<name>: letters, digits, '_' and '-', a dot between pack and name");
		}
		return written;
	}

	private static List<String> tags(YamlEntries.@Nullable Entry entry, Problems problems) {
		List<String> tags = new ArrayList<>();
		if (entry == null || Values.isNull(entry.value())) {
			return tags;
		}
		if (entry.value() instanceof ScalarNode scalar) {
			tags.add(scalar.getValue());
		}
		else if (entry.value() instanceof SequenceNode sequence) {
			for (int i = 0; i < sequence.getValue().size(); i++) {
				Node item = sequence.getValue().get(i);
				if (item instanceof ScalarNode scalar && !Values.isNull(scalar)) {
					tags.add(scalar.getValue());
				}
				else {
					problems.error(SourceLocation.of(item, SourceMap.index(entry.path(), i)), "A tag is text");
				}
			}
		}
		else {
			problems.error(entry.valueLocation(), "'tags' must be a list of text");
		}
		return tags;
	}

	private static Map<String, JsonNode> values(YamlEntries.@Nullable Entry entry, NodeJson json, Problems problems) {
		Map<String, JsonNode> values = new LinkedHashMap<>();
		if (entry == null || Values.isNull(entry.value())) {
			return values;
		}
		if (!(entry.value() instanceof MappingNode mapping)) {
			problems.error(entry.valueLocation(), "'" + entry.key() + "' must be a mapping of names to values");
			return Collections.emptyMap();
		}
		for (YamlEntries.Entry value : YamlEntries.of(mapping, entry.path(), problems).all()) {
			values.put(value.key(), json.convert(value.value(), value.path()));
		}
		return values;
	}

	private static CancellationPolicy cancellationPolicy(YamlEntries entries, Problems problems) {
		YamlEntries.Entry entry = entries.get("cancellation_policy");
		String name = Values.text(entry, "'cancellation_policy'", problems);
		if (name == null) {
			return CancellationPolicy.ALLOW_FINISH;
		}
		CancellationPolicy policy = CancellationPolicy.of(name);
		if (policy == null) {
			problems.error(entry.valueLocation(),
					"Unknown cancellation_policy '" + name + "': allow_finish (the default) or cancel_running");
			return CancellationPolicy.ALLOW_FINISH;
		}
		return policy;
	}

	private static void putValue(SourceMap sourceMap, YamlEntries.@Nullable Entry entry) {
		if (entry != null) {
			sourceMap.put(entry.path(), entry.valueLocation());
		}
	}

	/** What was read: the model as far as it could be built, and where its parts are. */
	record Read(@Nullable WorkflowDefinitionModel model, SourceMap sourceMap) {

	}

}
