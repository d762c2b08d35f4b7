package io.durableflow.execution;

/**
 * Whether the worker running a claimed run still holds its lease; set by the heartbeat.
 */
public final class LeaseState {

	private volatile boolean lost;

	public void markLost() {
		this.lost = true;
	}

	public boolean isLost() {
		return this.lost;
	}

}
