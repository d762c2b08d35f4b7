package io.durableflow.store.jpa;

import java.util.List;

import io.durableflow.store.entity.WorkflowStepEntity;

import org.springframework.data.repository.Repository;

/** Read side of steps. */
public interface WorkflowStepRepository extends Repository<WorkflowStepEntity, Long> {

	List<WorkflowStepEntity> findByRunIdOrderBySeqAsc(String runId);

}
