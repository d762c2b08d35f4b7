/**
 * Internal: may change without notice. The scheduler: it claims due runs under a lease,
 * executes them on this instance's workers, keeps their leases alive with heartbeats, and
 * wakes up on notifications from other instances.
 */
@NullMarked
package io.durableflow.dispatch;

import org.jspecify.annotations.NullMarked;
