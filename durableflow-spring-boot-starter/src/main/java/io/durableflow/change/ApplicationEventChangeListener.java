package io.durableflow.change;

import io.durableflow.ChangeListener;

import java.util.List;

import io.durableflow.WorkflowChange;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.ApplicationEventPublisher;

/**
 * Publishes every committed change as a Spring application event
 * ({@code @EventListener WorkflowChange}).
 */
public class ApplicationEventChangeListener implements ChangeListener {

	private final ApplicationEventPublisher publisher;

	public ApplicationEventChangeListener(ApplicationEventPublisher publisher) {
		this.publisher = publisher;
	}

	@Override
	public void onChanges(List<WorkflowChange> changes) {
		for (WorkflowChange change : changes) {
			try {
				this.publisher.publishEvent(change);
			}
			catch (RuntimeException ex) {
				LogFactory.getLog(ApplicationEventChangeListener.class)
					.warn("An @EventListener of WorkflowChange failed; the workflow is not affected", ex);
			}
		}
	}

}
