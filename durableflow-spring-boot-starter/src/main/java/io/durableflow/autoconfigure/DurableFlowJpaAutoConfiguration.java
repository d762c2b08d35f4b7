package io.durableflow.autoconfigure;

import io.durableflow.store.jpa.DurableFlowManagedTypes;
import jakarta.persistence.EntityManagerFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.orm.jpa.persistenceunit.PersistenceManagedTypes;

/**
 * Puts DurableFlow's entities into the application's persistence unit, before Hibernate's
 * auto-configuration builds it. Works with and without the host's own
 * {@code @EntityScan}.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration")
@ConditionalOnClass({ EntityManagerFactory.class, PersistenceManagedTypes.class })
@ConditionalOnBooleanProperty(name = "durableflow.enabled", matchIfMissing = true)
public final class DurableFlowJpaAutoConfiguration {

	@Bean
	static DurableFlowManagedTypes durableFlowManagedTypes() {
		return new DurableFlowManagedTypes();
	}

}
