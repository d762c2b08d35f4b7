/**
 * Internal: may change without notice. Micrometer meters of the engine (read off the
 * change stream) and of tutorials; the meter names are the stable part.
 */
@NullMarked
package io.durableflow.metrics;

import org.jspecify.annotations.NullMarked;
