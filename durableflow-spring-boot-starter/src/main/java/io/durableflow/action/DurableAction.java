package io.durableflow.action;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;
import org.springframework.stereotype.Component;

/**
 * Marks an {@link Action} bean and names it: {@code pack.name} by convention
 * ({@code core.*} is taken by the built-in actions). Two actions of one name stop the
 * start-up, naming both beans.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
public @interface DurableAction {

	/** The action's name, as workflows and YAML tasks refer to it. */
	String name();

	/**
	 * The queue the action's executions belong to, when an executor runs them as units of
	 * their own (YAML tasks and step graphs); must be declared
	 * ({@code durableflow.queues.<name>}). Empty: the caller's queue. A code workflow's
	 * {@code action(..)} runs inside its own run, in the run's queue.
	 */
	String queue() default "";

	/** The bean name, if it should differ from the generated one. */
	@AliasFor(annotation = Component.class, attribute = "value")
	String value() default "";

}
