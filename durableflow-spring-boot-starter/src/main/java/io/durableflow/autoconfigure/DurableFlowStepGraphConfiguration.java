package io.durableflow.autoconfigure;

import javax.sql.DataSource;

import io.durableflow.StepGraphs;
import io.durableflow.definition.ActionRegistry;
import io.durableflow.definition.WorkflowRegistry;
import io.durableflow.json.WorkflowJson;
import io.durableflow.taskgraph.StepGraphReader;
import io.durableflow.taskgraph.StepGraphSource;
import io.durableflow.taskgraph.TaskCallSource;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The task-graph executor's parts that code uses as well as YAML: the built-in workflow
 * that runs one task or step as a child run ({@code durableflow.task}), the step graphs
 * ({@code GraphWorkflow} beans) as workflows, and their read side ({@link StepGraphs}).
 */
@Configuration(proxyBeanMethods = false)
class DurableFlowStepGraphConfiguration {

	@Bean
	@ConditionalOnMissingBean
	TaskCallSource durableFlowTaskCallSource(WorkflowJson json, ActionRegistry actions) {
		return new TaskCallSource(json, actions::queueOf);
	}

	@Bean
	@ConditionalOnMissingBean
	StepGraphSource durableFlowStepGraphSource(ListableBeanFactory beanFactory, WorkflowJson json,
			ActionRegistry actions) {
		return new StepGraphSource(beanFactory, json, (name) -> actions.find(name).isPresent(), actions::queueOf);
	}

	@Bean
	@ConditionalOnMissingBean(StepGraphs.class)
	StepGraphReader durableFlowStepGraphs(DataSource dataSource, WorkflowJson json, WorkflowRegistry registry) {
		return new StepGraphReader(new JdbcTemplate(dataSource), json, registry);
	}

}
