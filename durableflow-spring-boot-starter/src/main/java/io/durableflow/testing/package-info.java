/**
 * API: test support for applications.
 * {@link io.durableflow.testing.EnableDurableFlowTesting} puts the engine's clock under
 * the test's control and adds a {@link io.durableflow.testing.DurableFlowTester} that
 * drives due work on the test's thread and checks runs with
 * {@link io.durableflow.testing.RunAssert}.
 */
@NullMarked
package io.durableflow.testing;

import org.jspecify.annotations.NullMarked;
