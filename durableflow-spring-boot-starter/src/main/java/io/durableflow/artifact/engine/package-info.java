/**
 * Internal: may change without notice. Artifacts' rows in
 * {@code durableflow.workflow_artifacts} ({@code ArtifactRows}), how an artifact is
 * stored once and found again on a retry or replay ({@code ArtifactWriter}), the
 * {@link io.durableflow.WorkflowArtifacts} bean, and the sweep that deletes the bytes of
 * removed artifacts from the store ({@code ArtifactRemovals}).
 */
@NullMarked
package io.durableflow.artifact.engine;

import org.jspecify.annotations.NullMarked;
