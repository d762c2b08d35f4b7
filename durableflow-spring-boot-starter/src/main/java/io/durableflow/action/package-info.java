/**
 * API: actions, reusable units of work shared by code workflows
 * ({@link io.durableflow.WorkflowContext#action}), YAML tasks, step graphs and tutorials.
 * A bean annotated {@link io.durableflow.action.DurableAction} that implements
 * {@link io.durableflow.action.Action} is registered under its name.
 */
@NullMarked
package io.durableflow.action;

import org.jspecify.annotations.NullMarked;
