/**
 * Internal: may change without notice. Starting runs: top-level runs for the API and
 * tutorials, child runs for {@code startChild}.
 */
@NullMarked
package io.durableflow.start;

import org.jspecify.annotations.NullMarked;
