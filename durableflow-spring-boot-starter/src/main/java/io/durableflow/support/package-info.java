/**
 * Internal: may change without notice. What the engine's lifecycle beans share: the one
 * factory of DurableFlow's threads, and the phases in which those beans start and stop.
 */
@NullMarked
package io.durableflow.support;

import org.jspecify.annotations.NullMarked;
