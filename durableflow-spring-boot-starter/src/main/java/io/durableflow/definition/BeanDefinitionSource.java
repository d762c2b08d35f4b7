package io.durableflow.definition;

import java.util.ArrayList;
import java.util.List;

import io.durableflow.DurableWorkflow;
import io.durableflow.GraphWorkflow;
import io.durableflow.Workflow;
import io.durableflow.WorkflowDefinitionView;
import io.durableflow.json.WorkflowJson;
import tools.jackson.databind.JavaType;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.StringUtils;

/**
 * Every {@link DurableWorkflow} bean, under the name its annotation gives (the bean name
 * by default), as version {@value #VERSION} of source
 * {@value WorkflowDefinitionView#BEAN}: its code is versioned with the application. Input
 * and output types come from the bean's {@link Workflow} generics.
 */
public class BeanDefinitionSource implements DefinitionSource {

	/** The version of every bean's definition. */
	public static final int VERSION = 1;

	private final ListableBeanFactory beanFactory;

	private final WorkflowJson json;

	public BeanDefinitionSource(ListableBeanFactory beanFactory, WorkflowJson json) {
		this.beanFactory = beanFactory;
		this.json = json;
	}

	@Override
	@SuppressWarnings("unchecked")
	public List<WorkflowDefinition> definitions() {
		List<WorkflowDefinition> definitions = new ArrayList<>();
		for (String beanName : this.beanFactory.getBeanNamesForAnnotation(DurableWorkflow.class)) {
			Object bean = this.beanFactory.getBean(beanName);
			Class<?> type = AopUtils.getTargetClass(bean);
			if (bean instanceof GraphWorkflow<?> && !(bean instanceof Workflow<?, ?>)) {
				// a step graph: offered by the task-graph executor's source
				continue;
			}
			if (!(bean instanceof Workflow<?, ?> workflow)) {
				throw new IllegalStateException("@DurableWorkflow bean '" + beanName + "' (" + type.getName()
						+ ") implements neither " + Workflow.class.getName() + " nor " + GraphWorkflow.class.getName());
			}
			String name = nameOf(beanName, type);
			ResolvableType generics = ResolvableType.forClass(type).as(Workflow.class);
			definitions.add(new WorkflowDefinition(name, VERSION, WorkflowDefinitionView.BEAN,
					"bean '" + beanName + "' (" + type.getName() + ")", (Workflow<Object, Object>) workflow, type,
					jsonType(generics.getGeneric(0)), jsonType(generics.getGeneric(1))));
		}
		return definitions;
	}

	/**
	 * The workflow name of a {@link DurableWorkflow} bean: its annotation's name, else
	 * the bean name.
	 */
	public static String nameOf(String beanName, Class<?> type) {
		DurableWorkflow annotation = AnnotatedElementUtils.findMergedAnnotation(type, DurableWorkflow.class);
		return (annotation != null && StringUtils.hasText(annotation.name())) ? annotation.name() : beanName;
	}

	private JavaType jsonType(ResolvableType type) {
		boolean resolvable = type.resolve() != null && !type.hasUnresolvableGenerics();
		return this.json.type(resolvable ? type.getType() : type.toClass());
	}

}
