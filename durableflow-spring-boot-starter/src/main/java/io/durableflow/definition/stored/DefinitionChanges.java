package io.durableflow.definition.stored;

import io.durableflow.definition.WorkflowRegistry;
import io.durableflow.notify.WakeChannel;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Keeps the workflow registries of every instance in step with the stored definitions: a
 * change (a sync that registered something, a post, a put, a delete) refreshes this
 * instance's registry at once and, over PostgreSQL's {@code NOTIFY} on {@value #CHANNEL},
 * the other instances'. A notice lost while an instance reconnects is made up for by the
 * registry itself, which asks its sources again when a name is not found.
 */
public class DefinitionChanges implements SmartInitializingSingleton {

	/** The notification channel of definition changes. */
	public static final String CHANNEL = "durableflow_definitions";

	private static final Log logger = LogFactory.getLog(DefinitionChanges.class);

	private final WorkflowRegistry registry;

	private final @Nullable WakeChannel channel;

	public DefinitionChanges(WorkflowRegistry registry, @Nullable WakeChannel channel) {
		this.registry = registry;
		this.channel = channel;
		registry.setRefreshOnMiss(true);
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (this.channel != null) {
			this.channel.listen(CHANNEL, (instance, ref) -> refreshHere());
		}
	}

	/**
	 * Stored definitions changed here: this registry and the other instances' refresh.
	 */
	public void changed(String what) {
		refreshHere();
		if (this.channel != null) {
			this.channel.send(CHANNEL, what);
		}
	}

	private void refreshHere() {
		try {
			this.registry.refresh();
		}
		catch (RuntimeException ex) {
			logger.warn("The workflow registry could not take in a change of stored definitions; it keeps the "
					+ "workflows it had: " + ex.getMessage(), ex);
		}
	}

}
