package io.durableflow.definition.yaml;

import java.util.Set;
import java.util.function.Predicate;

import io.durableflow.definition.yaml.DefinitionProblem.Severity;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.util.Assert;

/**
 * What a definition is checked against, beyond its own text.
 *
 * @param expectedRef the ref the file's place gives it ({@code <pack>.<name>} in a pack):
 * a {@code ref:} in the file must agree. {@code null} when the file alone says (an
 * upload), which then needs a {@code ref:}
 * @param knownActions which action names exist; {@code null} when that is not known, and
 * not checked
 * @param unknownActions how an action that {@code knownActions} does not know is
 * reported: a warning while actions may still come (the default), an error when a run is
 * about to start
 * @param packConfig the pack's configuration, which {@code pack.config.*} templates are
 * checked against; {@code null} when not known, and not checked
 */
public record ParseOptions(@Nullable String expectedRef, @Nullable Predicate<String> knownActions,
		Severity unknownActions, @Nullable JsonNode packConfig) {

	public ParseOptions {
		Assert.notNull(unknownActions, "unknownActions must not be null");
	}

	/**
	 * A definition on its own: ref from the file, actions and pack config not checked.
	 */
	public static ParseOptions standalone() {
		return new ParseOptions(null, null, Severity.WARNING, null);
	}

	public ParseOptions withExpectedRef(@Nullable String ref) {
		return new ParseOptions(ref, this.knownActions, this.unknownActions, this.packConfig);
	}

	public ParseOptions withKnownActions(@Nullable Predicate<String> known) {
		return new ParseOptions(this.expectedRef, known, this.unknownActions, this.packConfig);
	}

	/** Actions checked against these names; an empty set means not checked. */
	public ParseOptions withKnownActions(Set<String> names) {
		Set<String> copy = Set.copyOf(names);
		return withKnownActions(copy.isEmpty() ? null : copy::contains);
	}

	public ParseOptions withUnknownActionsAs(Severity severity) {
		return new ParseOptions(this.expectedRef, this.knownActions, severity, this.packConfig);
	}

	public ParseOptions withPackConfig(@Nullable JsonNode config) {
		return new ParseOptions(this.expectedRef, this.knownActions, this.unknownActions, config);
	}

}
