package io.durableflow.live;

import java.util.List;

import io.durableflow.WorkflowChange;

/** Receives committed changes, in commit order, off the engine's threads. */
@FunctionalInterface
public interface ChangeListener {

	void onChanges(List<WorkflowChange> changes);

}
