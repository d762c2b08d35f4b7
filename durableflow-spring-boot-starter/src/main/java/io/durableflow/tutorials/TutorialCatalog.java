package io.durableflow.tutorials;

import java.util.List;
import java.util.Optional;

/**
 * The tutorials on offer, in code next to the handlers they reuse: adding one is one
 * entry here, no migration. Declare a bean of this type; without one the catalog is
 * empty.
 */
@FunctionalInterface
public interface TutorialCatalog {

	List<Tutorial> tutorials();

	default Optional<Tutorial> find(String slug) {
		return tutorials().stream().filter((tutorial) -> tutorial.slug().equals(slug)).findFirst();
	}

}
