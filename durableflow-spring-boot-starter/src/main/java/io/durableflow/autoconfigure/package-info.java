/**
 * Internal: may change without notice. DurableFlow's Spring Boot auto-configurations, one
 * per integration (engine, tutorials, live changes, metrics, actuator, JPA), and the
 * {@code durableflow.*} configuration properties. Every bean they declare backs off to an
 * application's bean of its type; the property names are the stable part.
 */
@NullMarked
package io.durableflow.autoconfigure;

import org.jspecify.annotations.NullMarked;
