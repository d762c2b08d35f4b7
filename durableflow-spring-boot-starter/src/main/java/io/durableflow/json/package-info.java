/**
 * Internal: may change without notice. Inputs, outputs, step results and errors as JSON,
 * through the application's Jackson mapper.
 */
@NullMarked
package io.durableflow.json;

import org.jspecify.annotations.NullMarked;
