package io.durableflow;

/**
 * A step of a step graph, by its id: what {@link GraphStep#dependsOn} names. Returned by
 * {@link GraphBuilder#step} and {@link io.durableflow.action.ActionContext#emit}; an
 * action names any other step of its run with {@link #of}.
 *
 * @param id the step's id
 */
public record StepHandle(String id) {

	public StepHandle {
		if (id == null || id.isBlank()) {
			throw new IllegalArgumentException("A step handle needs the step's id");
		}
	}

	/** The step {@code id} of the running graph. */
	public static StepHandle of(String id) {
		return new StepHandle(id);
	}

}
