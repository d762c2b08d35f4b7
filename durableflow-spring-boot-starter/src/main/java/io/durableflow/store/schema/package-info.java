/**
 * Internal: may change without notice. DurableFlow's own schema migration: a private
 * Flyway instance with its own location and history table, beside the application's
 * migrations.
 */
@NullMarked
package io.durableflow.store.schema;

import org.jspecify.annotations.NullMarked;
