package io.durableflow.store.jpa;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.durableflow.store.entity.WorkflowDefinitionEntity;
import io.durableflow.store.entity.WorkflowDefinitionRevisionEntity;
import io.durableflow.store.entity.WorkflowEventEntity;
import io.durableflow.store.entity.WorkflowLogEntity;
import io.durableflow.store.entity.WorkflowRunEntity;
import io.durableflow.store.entity.WorkflowStepEntity;
import io.durableflow.store.entity.WorkflowWaitEntity;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.orm.jpa.persistenceunit.PersistenceManagedTypes;

/**
 * Adds DurableFlow's entities to the host's persistence unit, whatever packages it scans:
 * with or without the host's own {@code @EntityScan}, which would otherwise replace the
 * packages a library contributes.
 */
public class DurableFlowManagedTypes implements BeanPostProcessor {

	static final List<String> ENTITIES = Stream
		.of(WorkflowRunEntity.class, WorkflowStepEntity.class, WorkflowWaitEntity.class, WorkflowEventEntity.class,
				WorkflowLogEntity.class, WorkflowDefinitionEntity.class, WorkflowDefinitionRevisionEntity.class)
		.map(Class::getName)
		.toList();

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof PersistenceManagedTypes types && !types.getManagedClassNames().containsAll(ENTITIES)) {
			List<String> classNames = new ArrayList<>(types.getManagedClassNames());
			ENTITIES.stream().filter((name) -> !classNames.contains(name)).forEach(classNames::add);
			return new WithDurableFlowEntities(classNames, types);
		}
		return bean;
	}

	private record WithDurableFlowEntities(List<String> classNames,
			PersistenceManagedTypes delegate) implements PersistenceManagedTypes {

		@Override
		public List<String> getManagedClassNames() {
			return this.classNames;
		}

		@Override
		public List<String> getManagedPackages() {
			return this.delegate.getManagedPackages();
		}

		@Override
		public java.net.URL getPersistenceUnitRootUrl() {
			return this.delegate.getPersistenceUnitRootUrl();
		}

	}

}
