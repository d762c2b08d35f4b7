package io.durableflow.badactions;

import io.durableflow.action.Action;
import io.durableflow.action.ActionContext;
import io.durableflow.action.DurableAction;

/** Actions that must stop a start-up (outside the test application's scanned package). */
public final class DuplicateActions {

	private DuplicateActions() {
	}

	@DurableAction(name = "test.twice")
	public static class First implements Action<String, String> {

		@Override
		public String execute(ActionContext context, String input) {
			return input;
		}

	}

	@DurableAction(name = "test.twice")
	public static class Second implements Action<String, String> {

		@Override
		public String execute(ActionContext context, String input) {
			return input;
		}

	}

	@DurableAction(name = "core.mine")
	public static class Reserved implements Action<String, String> {

		@Override
		public String execute(ActionContext context, String input) {
			return input;
		}

	}

	@DurableAction(name = "test.queued", queue = "nowhere")
	public static class UndeclaredQueue implements Action<String, String> {

		@Override
		public String execute(ActionContext context, String input) {
			return input;
		}

	}

	@DurableAction(name = "test.not-an-action")
	public static class NotAnAction {

	}

}
