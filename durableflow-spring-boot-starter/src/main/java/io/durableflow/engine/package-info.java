/**
 * Internal: may change without notice. The default implementation of the
 * {@link io.durableflow.DurableFlow} bean, over the starter, the stores and the read
 * side.
 */
@NullMarked
package io.durableflow.engine;

import org.jspecify.annotations.NullMarked;
