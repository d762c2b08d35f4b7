package io.durableflow.definition.yaml;

import java.util.HashSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Composes YAML text into SnakeYAML's nodes, which keep the line and column of every key
 * and value; no Java object is ever constructed from them. Guarded: a code-point limit
 * (never below the byte limit the caller checks first), at most
 * {@value #MAX_ALIASES_FOR_COLLECTIONS} aliases of collections (against alias bombs),
 * nesting at most {@value #MAX_NESTING_DEPTH} deep. Duplicate keys are refused by the
 * reader ({@link YamlEntries}): SnakeYAML's own check runs when objects are constructed,
 * which nodes never are.
 */
final class YamlSource {

	static final int MAX_ALIASES_FOR_COLLECTIONS = 10;

	static final int MAX_NESTING_DEPTH = 50;

	private final LoaderOptions options;

	YamlSource(int codePointLimit) {
		this.options = new LoaderOptions();
		this.options.setAllowDuplicateKeys(false);
		this.options.setAllowRecursiveKeys(false);
		this.options.setMergeOnCompose(true);
		this.options.setMaxAliasesForCollections(MAX_ALIASES_FOR_COLLECTIONS);
		this.options.setNestingDepthLimit(MAX_NESTING_DEPTH);
		this.options.setCodePointLimit(codePointLimit);
	}

	LoaderOptions options() {
		return this.options;
	}

	/**
	 * The document's root node; {@code null} with an error when the text is not one valid
	 * YAML document, or with no error when it is empty.
	 */
	org.yaml.snakeyaml.nodes.@Nullable Node compose(String text, Problems problems) {
		try {
			return new Composer(parser(text), new Resolver(), this.options).getSingleNode();
		}
		catch (MarkedYAMLException ex) {
			Mark mark = (ex.getProblemMark() != null) ? ex.getProblemMark() : ex.getContextMark();
			String problem = (ex.getProblem() != null) ? ex.getProblem() : ex.getMessage();
			String context = (ex.getContext() != null) ? " (" + ex.getContext() + ")" : "";
			problems.add(DefinitionProblem.Severity.ERROR, (mark != null) ? mark.getLine() + 1 : 1,
					(mark != null) ? mark.getColumn() + 1 : 1, "", "Not valid YAML: " + problem + context);
		}
		catch (YAMLException ex) {
			Mark mark = limitExceededAt(text);
			problems.add(DefinitionProblem.Severity.ERROR, (mark != null) ? mark.getLine() + 1 : 1,
					(mark != null) ? mark.getColumn() + 1 : 1, "", "Refused: " + ex.getMessage());
		}
		return null;
	}

	private Parser parser(String text) {
		return new ParserImpl(new StreamReader(text), this.options);
	}

	/**
	 * Where the alias or nesting limit was exceeded: SnakeYAML's exception for them
	 * carries no position, so the events are read again, counting as the composer does.
	 */
	private @Nullable Mark limitExceededAt(String text) {
		try {
			Parser parser = parser(text);
			Set<String> collectionAnchors = new HashSet<>();
			int aliases = 0;
			int depth = 0;
			while (parser.peekEvent() != null) {
				Event event = parser.getEvent();
				if (event instanceof CollectionStartEvent start) {
					if (start.getAnchor() != null) {
						collectionAnchors.add(start.getAnchor());
					}
					if (++depth > MAX_NESTING_DEPTH) {
						return event.getStartMark();
					}
				}
				else if (event instanceof CollectionEndEvent) {
					depth--;
				}
				else if (event instanceof AliasEvent alias && collectionAnchors.contains(alias.getAnchor())
						&& ++aliases > MAX_ALIASES_FOR_COLLECTIONS) {
					return event.getStartMark();
				}
			}
		}
		catch (YAMLException ex) {
			// the limit that was exceeded is not one of these: no position to give
		}
		return null;
	}

}
