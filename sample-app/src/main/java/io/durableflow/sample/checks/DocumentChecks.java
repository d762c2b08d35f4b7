package io.durableflow.sample.checks;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.springframework.stereotype.Component;

/**
 * The document-check handlers by name: the same code for the app's own checks and for
 * tutorials.
 */
@Component
public class DocumentChecks {

	private final Map<String, Function<String, List<Finding>>> handlers;

	public DocumentChecks(BrokenLinks brokenLinks, TypoCheck typoCheck, StyleGuide styleGuide) {
		this.handlers = Map.of("broken_links", brokenLinks::check, "typo_check", typoCheck::check, "style_guide",
				styleGuide::check);
	}

	public List<Finding> run(String handler, String text) {
		Function<String, List<Finding>> check = this.handlers.get(handler);
		if (check == null) {
			throw new IllegalArgumentException("No document check '" + handler + "'; known: " + this.handlers.keySet());
		}
		return check.apply(text);
	}

	public boolean exists(String handler) {
		return this.handlers.containsKey(handler);
	}

}
