package io.durableflow.sample.checks;

import java.util.Set;
import java.util.TreeSet;

import org.springframework.stereotype.Component;

/**
 * The document checks by handler name ({@code broken_links}, {@code typo_check},
 * {@code style_guide}) and the action each one is ({@code docs.<handler>}): the same
 * actions for the app's own checks, its tutorials and its YAML pack.
 */
@Component
public class DocumentChecks {

	private static final Set<String> HANDLERS = Set.of("broken_links", "typo_check", "style_guide");

	public boolean exists(String handler) {
		return HANDLERS.contains(handler);
	}

	/** The action that runs the check {@code handler}. */
	public String action(String handler) {
		if (!exists(handler)) {
			throw new IllegalArgumentException(
					"No document check '" + handler + "'; known: " + new TreeSet<>(HANDLERS));
		}
		return "docs." + handler;
	}

}
