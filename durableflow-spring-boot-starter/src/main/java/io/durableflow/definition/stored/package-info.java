/**
 * Internal: may change without notice. Stored (YAML) workflow definitions: the registrar
 * that keeps {@code workflow_definitions} and every revision in
 * {@code workflow_definition_revisions}, and the start-up sync of the pack folders.
 */
@NullMarked
package io.durableflow.definition.stored;

import org.jspecify.annotations.NullMarked;
