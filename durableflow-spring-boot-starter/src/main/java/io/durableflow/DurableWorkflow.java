package io.durableflow;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;
import org.springframework.stereotype.Component;

/**
 * Marks a {@link Workflow} bean. The starter registers every such bean under its
 * {@link #name()}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
public @interface DurableWorkflow {

	/** The workflow's stable name, stored with every run; defaults to the bean name. */
	String name() default "";

	/** The bean name, as for {@link Component#value()}. */
	@AliasFor(annotation = Component.class, attribute = "value")
	String value() default "";

}
