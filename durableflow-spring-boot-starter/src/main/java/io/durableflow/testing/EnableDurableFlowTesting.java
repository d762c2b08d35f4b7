package io.durableflow.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;

/**
 * Puts DurableFlow under a test's control: the engine's clock becomes a
 * {@link MutableClock}, and a {@link DurableFlowTester} bean drives due work on the
 * test's thread. Use it with {@code durableflow.worker.enabled=false} so that no
 * background scheduler races the test: <pre class="code">
 * &#064;SpringBootTest(properties = "durableflow.worker.enabled=false")
 * &#064;EnableDurableFlowTesting
 * class OnboardingTests { &#064;Autowired DurableFlowTester tester; ... }
 * </pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import(DurableFlowTestConfiguration.class)
public @interface EnableDurableFlowTesting {

}
