/**
 * API: what an application imports to write, start and operate durable workflows. A
 * workflow is a {@link io.durableflow.Workflow} bean marked
 * {@link io.durableflow.DurableWorkflow}; it records its progress through
 * {@link io.durableflow.WorkflowContext}; runs are started, signalled, cancelled and read
 * through the {@link io.durableflow.DurableFlow} bean; committed changes reach
 * {@link io.durableflow.ChangeListener} beans and {@code @EventListener}s of
 * {@link io.durableflow.WorkflowChange}.
 */
@NullMarked
package io.durableflow;

import org.jspecify.annotations.NullMarked;
