/**
 * Internal: may change without notice. What workflows exist: the workflow registry,
 * composed of every {@link io.durableflow.definition.DefinitionSource} bean (the
 * extension point through which workflows defined outside Java code plug in), and the
 * source of the {@link io.durableflow.DurableWorkflow} beans.
 */
@NullMarked
package io.durableflow.definition;

import org.jspecify.annotations.NullMarked;
