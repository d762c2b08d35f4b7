package io.durableflow;

import org.jspecify.annotations.Nullable;

/**
 * A registered workflow, as a console or an application's own pages show it. Code
 * workflows ({@link DurableWorkflow} beans) are their own definition; the record has room
 * for definitions that are stored and versioned by DurableFlow itself.
 *
 * @param name the workflow's name, unique among registered workflows: what
 * {@link DurableFlow#start(String, Object, StartOptions)} takes and runs carry as
 * {@link WorkflowRunView#workflowName()}
 * @param source where the definition comes from: {@value #BEAN} for a
 * {@link DurableWorkflow} bean
 * @param version the definition's version, or {@code null} for a bean, whose version is
 * the application's deployment
 * @param inputType the type a run's input is read as, for example
 * {@code java.lang.String} or {@code java.util.Map<java.lang.String,java.lang.Object>}
 * @param outputType the type a run's output is written from
 */
public record WorkflowDefinitionView(String name, String source, @Nullable Integer version, String inputType,
		String outputType) {

	/** The source of a workflow that is a {@link DurableWorkflow} bean. */
	public static final String BEAN = "bean";

	/**
	 * The source of a stored (YAML or JSON) definition, whose version is its revision.
	 */
	public static final String YAML = "yaml";

}
