package io.durableflow.live;

import io.durableflow.ChangeListener;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.durableflow.WorkflowChange;
import io.durableflow.json.WorkflowJson;
import io.durableflow.notify.WakeChannel;

/**
 * Carries committed changes to the other instances on the same database with PostgreSQL
 * {@code NOTIFY} on {@value #CHANNEL}, in batches under the 8,000-byte payload limit (ids
 * and the small snapshot only), and hands the changes other instances send to local STOMP
 * subscribers. Only while another instance says it has live subscribers
 * ({@link LiveInterest}).
 */
public class ChangeFanout implements ChangeListener {

	public static final String CHANNEL = "durableflow_changes";

	/** Room under PostgreSQL's 8,000-byte limit for the sender prefix. */
	static final int MAX_PAYLOAD_BYTES = 7_500;

	private final WakeChannel channel;

	private final WorkflowJson json;

	private final LiveInterest interest;

	public ChangeFanout(WakeChannel channel, WorkflowJson json, StompChangePublisher stomp, LiveInterest interest) {
		this.channel = channel;
		this.json = json;
		this.interest = interest;
		channel.listen(CHANNEL, (origin, payload) -> stomp.sendRemote(read(payload)));
	}

	@Override
	public void onChanges(List<WorkflowChange> changes) {
		if (!this.interest.isWatchedElsewhere()) {
			return; // nobody on another instance watches: nothing to carry
		}
		List<String> batch = new ArrayList<>();
		int size = 2;
		for (WorkflowChange change : changes) {
			String one = this.json.write(change.payload());
			int bytes = one.getBytes(StandardCharsets.UTF_8).length + 1;
			if (bytes > MAX_PAYLOAD_BYTES) {
				// snapshots are small by design: an oversized one never blocks the rest
				continue;
			}
			if (size + bytes > MAX_PAYLOAD_BYTES) {
				send(batch);
				batch = new ArrayList<>();
				size = 2;
			}
			batch.add(one);
			size += bytes;
		}
		send(batch);
	}

	private void send(List<String> batch) {
		if (!batch.isEmpty()) {
			this.channel.send(CHANNEL, "[" + String.join(",", batch) + "]");
		}
	}

	@SuppressWarnings("unchecked")
	private List<Map<String, Object>> read(String payload) {
		return this.json.read(payload, List.class);
	}

}
