/**
 * Internal: may change without notice. The Spring Boot Actuator side of the engine: the
 * {@code durableflow} health indicator and endpoint, and the engine state they report.
 */
@NullMarked
package io.durableflow.actuate;

import org.jspecify.annotations.NullMarked;
