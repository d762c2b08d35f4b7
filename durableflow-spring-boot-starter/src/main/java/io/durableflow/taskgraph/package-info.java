/**
 * Internal: may change without notice. The task-graph executor: what a run of a stored
 * (YAML or JSON) definition executes. It interprets the definition's tasks and
 * transitions on the workflow context, each task execution a memoized step (an action
 * call), so that a replay takes every decision again from recorded results alone.
 */
@NullMarked
package io.durableflow.taskgraph;

import org.jspecify.annotations.NullMarked;
