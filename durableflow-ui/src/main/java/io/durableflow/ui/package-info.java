/**
 * Internal: may change without notice, but for
 * {@link io.durableflow.ui.ConsoleRequestMatcher} and
 * {@link io.durableflow.ui.ConsoleAccessFilter.HostSecurity}, which a host's security
 * uses. The DurableFlow console and its JSON API, mounted in the host's Spring MVC at
 * {@code durableflow.ui.path}: server-rendered pages from the library's own templates,
 * live updates over STOMP, and the filter that keeps them closed unless the host opens
 * them.
 */
@NullMarked
package io.durableflow.ui;

import org.jspecify.annotations.NullMarked;
