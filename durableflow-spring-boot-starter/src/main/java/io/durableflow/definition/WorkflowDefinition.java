package io.durableflow.definition;

import io.durableflow.Workflow;
import tools.jackson.databind.JavaType;

/** A registered workflow: its name, the bean, and the JSON types of its input and output. */
public record WorkflowDefinition(String name, String beanName, Workflow<Object, Object> workflow,
		Class<?> workflowClass, JavaType inputType, JavaType outputType) {
}
