/**
 * Internal: may change without notice. Live changes for browsers: committed changes sent
 * to STOMP subscribers, and carried to the other instances on the same database while
 * anyone watches.
 */
@NullMarked
package io.durableflow.live;

import org.jspecify.annotations.NullMarked;
