/**
 * Internal: may change without notice. The writer of runs and steps: fenced writes that
 * hold only while the writer's lease does, grouped into shared commits when no caller's
 * transaction is involved.
 */
@NullMarked
package io.durableflow.store.commit;

import org.jspecify.annotations.NullMarked;
