package io.durableflow.store.jpa;

import jakarta.persistence.EntityManagerFactory;

import org.springframework.data.jpa.repository.support.JpaRepositoryFactory;
import org.springframework.orm.jpa.SharedEntityManagerCreator;

/**
 * DurableFlow's Spring Data repositories, built from the host's
 * {@link EntityManagerFactory} without {@code @EnableJpaRepositories} (which would switch
 * off the host's own repositories).
 */
public class DurableFlowRepositories {

	private final WorkflowRunRepository runs;

	private final WorkflowStepRepository steps;

	public DurableFlowRepositories(EntityManagerFactory entityManagerFactory) {
		JpaRepositoryFactory factory = new JpaRepositoryFactory(
				SharedEntityManagerCreator.createSharedEntityManager(entityManagerFactory));
		this.runs = factory.getRepository(WorkflowRunRepository.class);
		this.steps = factory.getRepository(WorkflowStepRepository.class);
	}

	public WorkflowRunRepository runs() {
		return this.runs;
	}

	public WorkflowStepRepository steps() {
		return this.steps;
	}

}
