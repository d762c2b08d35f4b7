package io.durableflow.definition;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import io.durableflow.DurableWorkflow;
import io.durableflow.UnknownWorkflowException;
import io.durableflow.Workflow;
import io.durableflow.json.WorkflowJson;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.StringUtils;

/**
 * Every {@link DurableWorkflow} bean, by name and by class. Built once all singletons exist, so a
 * duplicate name fails start-up naming both beans.
 */
public class WorkflowRegistry implements SmartInitializingSingleton {

	private final ListableBeanFactory beanFactory;

	private final WorkflowJson json;

	private volatile Map<String, WorkflowDefinition> byName;

	public WorkflowRegistry(ListableBeanFactory beanFactory, WorkflowJson json) {
		this.beanFactory = beanFactory;
		this.json = json;
	}

	@Override
	public void afterSingletonsInstantiated() {
		definitions();
	}

	public WorkflowDefinition byName(String name) {
		WorkflowDefinition definition = definitions().get(name);
		if (definition == null) {
			throw new UnknownWorkflowException(name, new TreeSet<>(definitions().keySet()));
		}
		return definition;
	}

	public Optional<WorkflowDefinition> find(String name) {
		return Optional.ofNullable(definitions().get(name));
	}

	public WorkflowDefinition byType(Class<?> type) {
		return definitions().values()
			.stream()
			.filter((definition) -> type.isAssignableFrom(definition.workflowClass()))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No @DurableWorkflow bean of type " + type.getName()
					+ " is registered; known workflows: " + new TreeSet<>(definitions().keySet())));
	}

	public Collection<WorkflowDefinition> all() {
		return definitions().values();
	}

	private Map<String, WorkflowDefinition> definitions() {
		Map<String, WorkflowDefinition> definitions = this.byName;
		if (definitions == null) {
			synchronized (this) {
				if (this.byName == null) {
					this.byName = scan();
				}
				definitions = this.byName;
			}
		}
		return definitions;
	}

	@SuppressWarnings("unchecked")
	private Map<String, WorkflowDefinition> scan() {
		Map<String, WorkflowDefinition> found = new LinkedHashMap<>();
		for (String beanName : this.beanFactory.getBeanNamesForAnnotation(DurableWorkflow.class)) {
			Object bean = this.beanFactory.getBean(beanName);
			Class<?> type = AopUtils.getTargetClass(bean);
			if (!(bean instanceof Workflow<?, ?> workflow)) {
				throw new IllegalStateException("@DurableWorkflow bean '" + beanName + "' (" + type.getName()
						+ ") does not implement " + Workflow.class.getName());
			}
			DurableWorkflow annotation = AnnotatedElementUtils.findMergedAnnotation(type, DurableWorkflow.class);
			String name = (annotation != null && StringUtils.hasText(annotation.name())) ? annotation.name() : beanName;
			ResolvableType generics = ResolvableType.forClass(type).as(Workflow.class);
			WorkflowDefinition definition = new WorkflowDefinition(name, beanName, (Workflow<Object, Object>) workflow,
					type, jsonType(generics.getGeneric(0)), jsonType(generics.getGeneric(1)));
			WorkflowDefinition previous = found.putIfAbsent(name, definition);
			if (previous != null) {
				throw new IllegalStateException("Two workflows are named '" + name + "': bean '" + previous.beanName()
						+ "' (" + previous.workflowClass().getName() + ") and bean '" + beanName + "' ("
						+ type.getName() + "). Give each @DurableWorkflow a unique name.");
			}
		}
		return Map.copyOf(found);
	}

	private tools.jackson.databind.JavaType jsonType(ResolvableType type) {
		boolean resolvable = type.resolve() != null && !type.hasUnresolvableGenerics();
		return this.json.type(resolvable ? type.getType() : type.toClass());
	}

}
