package io.durableflow;

import org.jspecify.annotations.Nullable;

/**
 * Where a {@link GraphWorkflow} declares its steps. Step ids are unique within a run
 * (declared and emitted steps together), 1 to 100 letters, digits, {@code _}, {@code -},
 * {@code [} and {@code ]}; a step's dependencies must be declared before it.
 */
public interface GraphBuilder {

	/**
	 * Declares a step that runs the action {@code actionName} with {@code input}.
	 * @param id the step's id, unique in the run
	 * @param actionName a registered action ({@code @DurableAction})
	 * @param input the action's input, stored as JSON
	 * @param options {@link GraphStep#dependsOn}, {@link GraphStep#dedupKey},
	 * {@link GraphStep#queue}, {@link GraphStep#retry}
	 * @return the handle other steps depend on it by
	 */
	StepHandle step(String id, String actionName, @Nullable Object input, GraphStep... options);

}
