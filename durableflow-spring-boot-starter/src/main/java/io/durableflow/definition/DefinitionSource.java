package io.durableflow.definition;

import java.util.List;

/**
 * Where workflow definitions come from. The {@link WorkflowRegistry} is composed of every
 * {@code DefinitionSource} bean, asked in their order once all singletons exist and again
 * on {@link WorkflowRegistry#refresh()}. {@link BeanDefinitionSource} offers the
 * {@code @DurableWorkflow} beans; declare a bean of this type to add workflows defined
 * elsewhere (in files, in a table). A name offered twice, by one source or by two, fails
 * start-up naming both {@linkplain WorkflowDefinition#origin() origins}.
 */
@FunctionalInterface
public interface DefinitionSource {

	/** The definitions this source offers now, the current version of each workflow. */
	List<WorkflowDefinition> definitions();

}
