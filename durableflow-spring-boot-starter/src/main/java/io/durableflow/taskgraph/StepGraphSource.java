package io.durableflow.taskgraph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

import io.durableflow.DurableWorkflow;
import io.durableflow.GraphBuilder;
import io.durableflow.GraphStep;
import io.durableflow.GraphWorkflow;
import io.durableflow.StepError;
import io.durableflow.StepHandle;
import io.durableflow.Workflow;
import io.durableflow.WorkflowDefinitionView;
import io.durableflow.definition.BeanDefinitionSource;
import io.durableflow.definition.DefinitionSource;
import io.durableflow.definition.WorkflowDefinition;
import io.durableflow.json.WorkflowJson;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.core.ResolvableType;

/**
 * Every {@link DurableWorkflow} bean that implements {@link GraphWorkflow}, as a workflow
 * (version {@value BeanDefinitionSource#VERSION}, source
 * {@value WorkflowDefinitionView#BEAN}) that the task-graph executor runs
 * ({@link StepGraphRun}): its input typed from the bean's generics, its output each
 * step's result by step id.
 */
public class StepGraphSource implements DefinitionSource {

	private final ListableBeanFactory beanFactory;

	private final WorkflowJson json;

	private final Predicate<String> actions;

	private final Function<String, @Nullable String> queues;

	/**
	 * @param actions whether an action of that name is registered
	 * @param queues the queue of an action by its name ({@code null}: none of its own)
	 */
	public StepGraphSource(ListableBeanFactory beanFactory, WorkflowJson json, Predicate<String> actions,
			Function<String, @Nullable String> queues) {
		this.beanFactory = beanFactory;
		this.json = json;
		this.actions = actions;
		this.queues = queues;
	}

	@Override
	@SuppressWarnings("unchecked")
	public List<WorkflowDefinition> definitions() {
		List<WorkflowDefinition> definitions = new ArrayList<>();
		for (String beanName : this.beanFactory.getBeanNamesForAnnotation(DurableWorkflow.class)) {
			Object bean = this.beanFactory.getBean(beanName);
			if (!(bean instanceof GraphWorkflow<?> graph) || bean instanceof Workflow<?, ?>) {
				continue;
			}
			Class<?> type = AopUtils.getTargetClass(bean);
			ResolvableType input = ResolvableType.forClass(type).as(GraphWorkflow.class).getGeneric(0);
			boolean resolvable = input.resolve() != null && !input.hasUnresolvableGenerics();
			GraphWorkflow<Object> typed = (GraphWorkflow<Object>) graph;
			Workflow<Object, Object> workflow = (flow,
					in) -> new StepGraphRun(flow, this.json, this.queues, this.actions).run(() -> build(typed, in));
			definitions.add(new WorkflowDefinition(BeanDefinitionSource.nameOf(beanName, type),
					BeanDefinitionSource.VERSION, WorkflowDefinitionView.BEAN,
					"bean '" + beanName + "' (" + type.getName() + ", a step graph)", workflow, type,
					this.json.type(resolvable ? input.getType() : input.toClass()), this.json.type(Map.class)));
		}
		return definitions;
	}

	private List<GraphNode> build(GraphWorkflow<Object> graph, @Nullable Object input) {
		Builder builder = new Builder();
		try {
			graph.build(builder, input);
		}
		catch (RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw StepError.permanent("invalid_graph", ex);
		}
		if (builder.nodes.isEmpty()) {
			throw StepError.permanent("invalid_graph", "The graph declares no step");
		}
		return List.copyOf(builder.nodes.values());
	}

	/** Collects the declared steps, checking each as it comes. */
	private final class Builder implements GraphBuilder {

		private final Map<String, GraphNode> nodes = new LinkedHashMap<>();

		@Override
		public StepHandle step(String id, String actionName, @Nullable Object input, GraphStep... options) {
			GraphNode node = GraphNode.of(id, actionName, input, options, null, StepGraphSource.this.json,
					StepGraphSource.this.queues);
			if (this.nodes.containsKey(id)) {
				throw StepError.permanent("invalid_graph", "Step id '" + id + "' is declared twice");
			}
			if (!StepGraphSource.this.actions.test(actionName)) {
				throw StepError.permanent("invalid_graph",
						"Step '" + id + "' runs action '" + actionName + "', which is not registered");
			}
			for (String dependency : node.dependsOn()) {
				if (!this.nodes.containsKey(dependency)) {
					throw StepError.permanent("invalid_graph",
							"Step '" + id + "' depends on '" + dependency + "', which is not declared before it");
				}
			}
			this.nodes.put(id, node);
			return new StepHandle(id);
		}

	}

}
