/**
 * Internal: may change without notice. Claimed runs and the hand-over of a worker's next
 * run by the commit that ends its current one.
 */
@NullMarked
package io.durableflow.queue;

import org.jspecify.annotations.NullMarked;
