package io.durableflow;

import java.util.List;

/** Receives committed changes, in commit order, off the engine's threads. */
@FunctionalInterface
public interface ChangeListener {

	void onChanges(List<WorkflowChange> changes);

}
