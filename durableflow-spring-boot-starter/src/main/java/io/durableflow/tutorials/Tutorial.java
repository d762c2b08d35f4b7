package io.durableflow.tutorials;

import org.jspecify.annotations.Nullable;

/**
 * One tutorial of the {@link TutorialCatalog}: started, it runs {@code workflow} as a
 * platform-template, playground run of the user, with {@code input} (the demo material).
 */
public record Tutorial(String slug, String title, String workflow, @Nullable Object input) {

	public Tutorial {
		if (slug == null || slug.isBlank() || workflow == null || workflow.isBlank()) {
			throw new IllegalArgumentException("A tutorial needs a slug and a workflow name");
		}
	}

	/** A tutorial whose workflow takes no demo input. */
	public Tutorial(String slug, String title, String workflow) {
		this(slug, title, workflow, null);
	}

}
