/**
 * API: where artifacts' bytes are kept. The {@link io.durableflow.artifact.ArtifactStore}
 * bean is {@link io.durableflow.artifact.JdbcArtifactStore} (the bytes in the
 * {@code durableflow.workflow_artifacts} row) unless
 * {@code durableflow.artifacts.store=filesystem} makes it
 * {@link io.durableflow.artifact.FileSystemArtifactStore}; an application replaces it
 * with its own bean (object storage, say). Whichever store holds the bytes, each
 * artifact's metadata is a row of that table, removed with its run.
 */
@NullMarked
package io.durableflow.artifact;

import org.jspecify.annotations.NullMarked;
