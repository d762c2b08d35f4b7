package io.durableflow.definition;

import io.durableflow.DurableWorkflow;
import io.durableflow.Workflow;
import io.durableflow.WorkflowDefinitionView;
import tools.jackson.databind.JavaType;

import org.springframework.util.Assert;

/**
 * A registered workflow, as a {@link DefinitionSource} offers it.
 *
 * @param name the workflow's name, stored with every run; unique over all sources
 * @param version the version of the definition, from 1. A {@link DurableWorkflow} bean is
 * always version 1: its code is versioned with the application that deploys it
 * @param source the kind of source it comes from, as a console shows it
 * ({@value WorkflowDefinitionView#BEAN} for a {@link DurableWorkflow} bean)
 * @param origin where the definition comes from, as messages name it (for a bean:
 * {@code bean 'welcome' (com.example.WelcomeWorkflow)})
 * @param workflow what runs it
 * @param workflowClass the workflow's class: {@code start(Class, input)} and
 * {@code startChild} find a workflow by it
 * @param inputType the JSON type its input is read as
 * @param outputType the JSON type of its output
 * @param startCheck what a start checks first ({@link StartCheck#NONE} for code
 * workflows): a stored definition validates its parameters and fills their defaults
 */
public record WorkflowDefinition(String name, int version, String source, String origin,
		Workflow<Object, Object> workflow, Class<?> workflowClass, JavaType inputType, JavaType outputType,
		StartCheck startCheck) {

	/** A workflow whose starts are not checked. */
	public WorkflowDefinition(String name, int version, String source, String origin, Workflow<Object, Object> workflow,
			Class<?> workflowClass, JavaType inputType, JavaType outputType) {
		this(name, version, source, origin, workflow, workflowClass, inputType, outputType, StartCheck.NONE);
	}

	public WorkflowDefinition {
		Assert.hasText(name, "A workflow definition needs a name");
		Assert.isTrue(version >= 1, () -> "Version of workflow '" + name + "' must be at least 1, was " + version);
		Assert.hasText(source, () -> "Workflow '" + name + "' needs a source, such as " + WorkflowDefinitionView.BEAN);
		Assert.hasText(origin, () -> "Workflow '" + name + "' needs an origin, for messages that name it");
		Assert.notNull(workflow, () -> "Workflow '" + name + "' needs a Workflow that runs it");
		Assert.notNull(workflowClass, () -> "Workflow '" + name + "' needs its workflow class");
		Assert.notNull(inputType, () -> "Workflow '" + name + "' needs an input type");
		Assert.notNull(outputType, () -> "Workflow '" + name + "' needs an output type");
		Assert.notNull(startCheck, () -> "Workflow '" + name + "' needs a start check (StartCheck.NONE for none)");
	}

}
