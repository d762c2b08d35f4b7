package io.durableflow.definition;

import java.util.List;
import java.util.Map;

import io.durableflow.action.Action;

/**
 * The built-in actions: {@code core.noop} (returns nothing), {@code core.echo} (returns
 * its input) and {@code core.inquiry} (parks its run until an event answers it; the
 * engine runs it as a wait, never through {@link Action#execute}).
 */
public final class CoreActions {

	public static final String NOOP = "core.noop";

	public static final String ECHO = "core.echo";

	public static final String INQUIRY = "core.inquiry";

	/**
	 * The event that answers an inquiry; its payload names the run ({@code run_id}) and
	 * the step ({@code step}) it answers, and carries the {@code response}.
	 */
	public static final String INQUIRY_EVENT = "durableflow.inquiry";

	private CoreActions() {
	}

	static List<RegisteredAction> all() {
		return List.of(
				new RegisteredAction(NOOP, "built-in", (context, input) -> null, Object.class, Object.class, null),
				new RegisteredAction(ECHO, "built-in", (context, input) -> input, Object.class, Object.class, null),
				new RegisteredAction(INQUIRY, "built-in", (context, input) -> {
					throw new IllegalStateException(
							"core.inquiry parks its run until answered; it runs as a wait of the workflow that calls it");
				}, Map.class, Map.class, null));
	}

}
