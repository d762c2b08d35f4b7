/**
 * Internal: may change without notice. The change stream: the recorder that hands
 * committed changes of runs, steps, waits, events and logs to every
 * {@link io.durableflow.ChangeListener} bean, after commit and in commit order, off the
 * engine's threads; and the listener that republishes them as Spring application events.
 */
@NullMarked
package io.durableflow.change;

import org.jspecify.annotations.NullMarked;
