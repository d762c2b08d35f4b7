/**
 * Internal: may change without notice. PostgreSQL LISTEN/NOTIFY between the instances on
 * one database: wake-ups for new due work, and the channel other features ride on.
 */
@NullMarked
package io.durableflow.notify;

import org.jspecify.annotations.NullMarked;
