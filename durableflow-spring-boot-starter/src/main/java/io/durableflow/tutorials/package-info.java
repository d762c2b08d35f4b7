/**
 * API: platform-hosted tutorials. The application declares a
 * {@link io.durableflow.tutorials.TutorialCatalog} bean; the
 * {@link io.durableflow.tutorials.Tutorials} bean starts a tutorial as a
 * platform-template, playground run of a user, within the limits the database holds, and
 * says why it refused with a {@link io.durableflow.tutorials.TutorialException}.
 */
@NullMarked
package io.durableflow.tutorials;

import org.jspecify.annotations.NullMarked;
