/**
 * Internal: may change without notice. The read side over JPA: Spring Data repositories
 * built without {@code @EnableJpaRepositories}, and the managed types added to the host's
 * persistence unit.
 */
@NullMarked
package io.durableflow.store.jpa;

import org.jspecify.annotations.NullMarked;
