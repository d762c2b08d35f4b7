/**
 * Internal: may change without notice. One execution of a run: replaying its recorded
 * steps, running new ones with their retry policy and timeout, parking it for sleeps,
 * events and child runs, and turning failures into stored errors.
 */
@NullMarked
package io.durableflow.execution;

import org.jspecify.annotations.NullMarked;
