/**
 * Internal: may change without notice. The SQL of runs, steps, waits, events, logs and
 * tutorials, and what the engine's parts share to reach it; the changes each statement
 * reports.
 */
@NullMarked
package io.durableflow.store;

import org.jspecify.annotations.NullMarked;
