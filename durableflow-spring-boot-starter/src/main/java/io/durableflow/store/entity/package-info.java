/**
 * Internal: may change without notice. The JPA entities of DurableFlow's tables, the
 * single description of the schema, added to the application's persistence unit.
 */
@NullMarked
package io.durableflow.store.entity;

import org.jspecify.annotations.NullMarked;
