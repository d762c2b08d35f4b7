package io.durableflow;

import java.time.Instant;

/**
 * A file a run stored ({@link WorkflowContext#artifact}, {@code ActionContext.artifact}):
 * what is known of it without reading its bytes, which {@link WorkflowArtifacts#open}
 * reads.
 *
 * @param id its id, unique among all runs' artifacts (random; never derived from the
 * name)
 * @param name the name it was stored under, unique within its step
 * @param contentType its media type, as given
 * @param size its length in bytes
 * @param stepName the step it was stored in: the enclosing step (or action's step), or,
 * outside any step, the step entry the call itself records (named like the artifact)
 * @param createdAt when it was stored
 */
public record ArtifactRef(String id, String name, String contentType, long size, String stepName, Instant createdAt) {

}
