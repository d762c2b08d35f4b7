package io.durableflow.store.schema;

import java.util.Set;

import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;

/**
 * Tells Spring Boot that {@link DurableFlowSchema} initializes the database, so that JPA
 * (whose {@code ddl-auto=validate} checks our tables) and JDBC users wait for it.
 */
public class DurableFlowSchemaInitializerDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {

	@Override
	protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
		return Set.of(DurableFlowSchema.class);
	}

}
