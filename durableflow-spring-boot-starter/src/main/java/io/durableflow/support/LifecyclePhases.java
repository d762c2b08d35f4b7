package io.durableflow.support;

import org.springframework.context.SmartLifecycle;

/**
 * The order in which DurableFlow's lifecycle beans start (lowest first) and stop (highest
 * first): each part starts after what it uses and stops before it. The scheduler stops
 * first, so the writes of the executions it lets finish, and the leases it releases,
 * still find the writer, the change dispatcher and the notification bus running. All are
 * below Spring's default phase, so a host's own lifecycle beans in the default phase
 * start after DurableFlow and stop before it.
 */
public final class LifecyclePhases {

	/** The LISTEN/NOTIFY bus: wake-ups and cross-instance changes. */
	public static final int BUS = SmartLifecycle.DEFAULT_PHASE - 5000;

	/**
	 * Live changes: the STOMP publisher's flusher and the announcements of live interest.
	 */
	public static final int LIVE = SmartLifecycle.DEFAULT_PHASE - 4500;

	/** The dispatcher of changes to listeners. */
	public static final int CHANGES = SmartLifecycle.DEFAULT_PHASE - 4000;

	/** The writers of shared commits. */
	public static final int WRITER = SmartLifecycle.DEFAULT_PHASE - 3000;

	/** Housekeeping: sweeps that repair what a crash left undone. */
	public static final int HOUSEKEEPING = SmartLifecycle.DEFAULT_PHASE - 2500;

	/** The scheduler: dispatcher, workers and heartbeat. */
	public static final int SCHEDULER = SmartLifecycle.DEFAULT_PHASE - 2000;

	private LifecyclePhases() {
	}

}
