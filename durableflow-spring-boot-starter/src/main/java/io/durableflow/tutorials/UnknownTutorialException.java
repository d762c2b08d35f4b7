package io.durableflow.tutorials;

import java.util.Collection;

/** No tutorial of the catalog has this slug (HTTP 404). */
public class UnknownTutorialException extends TutorialException {

	public UnknownTutorialException(String userId, String slug, Collection<String> known) {
		super("No tutorial '" + slug + "'; the catalog has " + known, userId, slug);
	}

	@Override
	public String reason() {
		return "unknown_slug";
	}

}
