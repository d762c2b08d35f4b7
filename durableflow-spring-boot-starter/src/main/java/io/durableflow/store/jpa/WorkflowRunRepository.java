package io.durableflow.store.jpa;

import java.util.Optional;

import io.durableflow.store.entity.WorkflowRunEntity;

import org.springframework.data.repository.Repository;

/**
 * Read side of runs. Built by {@link DurableFlowRepositories}, never by repository
 * scanning.
 */
public interface WorkflowRunRepository extends Repository<WorkflowRunEntity, Long> {

	Optional<WorkflowRunEntity> findByRunId(String runId);

}
