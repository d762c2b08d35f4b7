package io.durableflow.store.jpa;

import java.util.List;

import io.durableflow.store.entity.WorkflowRunEntity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Query;

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

	private final EntityManager entityManager;

	public DurableFlowRepositories(EntityManagerFactory entityManagerFactory) {
		this.entityManager = SharedEntityManagerCreator.createSharedEntityManager(entityManagerFactory);
		JpaRepositoryFactory factory = new JpaRepositoryFactory(this.entityManager);
		this.runs = factory.getRepository(WorkflowRunRepository.class);
		this.steps = factory.getRepository(WorkflowStepRepository.class);
	}

	public WorkflowRunRepository runs() {
		return this.runs;
	}

	public WorkflowStepRepository steps() {
		return this.steps;
	}

	/** The runs {@code query} selects, in its order. */
	@SuppressWarnings("unchecked")
	public List<WorkflowRunEntity> runs(RunListQuery query) {
		Query runs = this.entityManager.createNativeQuery(query.sql(), WorkflowRunEntity.class);
		for (int i = 0; i < query.args().size(); i++) {
			runs.setParameter(i + 1, query.args().get(i));
		}
		return runs.getResultList();
	}

}
