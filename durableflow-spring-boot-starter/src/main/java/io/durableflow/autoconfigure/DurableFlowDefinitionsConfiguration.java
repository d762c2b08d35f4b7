package io.durableflow.autoconfigure;

import java.time.Clock;
import java.util.Map;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.durableflow.WorkflowDefinitionView;
import io.durableflow.definition.ActionRegistry;
import io.durableflow.definition.RegisteredAction;
import io.durableflow.definition.WorkflowRegistry;
import io.durableflow.definition.stored.DefinitionExecutor;
import io.durableflow.definition.stored.DefinitionStore;
import io.durableflow.definition.stored.DefinitionSync;
import io.durableflow.definition.yaml.DefinitionParser;
import io.durableflow.json.WorkflowJson;
import io.durableflow.taskgraph.TaskCallSource;
import io.durableflow.taskgraph.TaskGraphExecutor;
import io.durableflow.definition.yaml.DefinitionsSettings;
import io.durableflow.definition.yaml.PackLoader;
import io.durableflow.store.schema.DurableFlowSchema;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * YAML workflow definitions ({@code durableflow.definitions.*}): the parser, the pack
 * loader, the registrar and the start-up sync of the pack folders, unless
 * {@code durableflow.definitions.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "durableflow.definitions.enabled", matchIfMissing = true)
class DurableFlowDefinitionsConfiguration {

	@Bean
	@ConditionalOnMissingBean
	DefinitionParser durableFlowDefinitionParser(DurableFlowProperties properties) {
		return new DefinitionParser(properties.getDefinitions().getMaxFileSize());
	}

	@Bean
	@ConditionalOnMissingBean
	PackLoader durableFlowPackLoader(DefinitionParser parser, DurableFlowProperties properties) {
		DurableFlowProperties.Definitions definitions = properties.getDefinitions();
		DefinitionsSettings settings = DefinitionsSettings.defaults()
			.withLocations(definitions.getLocations().toArray(String[]::new))
			.withMaxFileSize(definitions.getMaxFileSize())
			.withFailOnError(definitions.isFailOnError());
		for (Map.Entry<String, DurableFlowProperties.Pack> pack : definitions.getPacks().entrySet()) {
			settings = settings.withPackConfig(pack.getKey(), pack.getValue().getConfig());
		}
		return new PackLoader(parser, settings, new PathMatchingResourcePatternResolver());
	}

	@Bean
	@ConditionalOnMissingBean
	DefinitionStore durableFlowDefinitionStore(DataSource dataSource, DurableFlowSchema schema) {
		return new DefinitionStore(new JdbcTemplate(dataSource),
				new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
	}

	@Bean
	@ConditionalOnMissingBean
	DefinitionExecutor durableFlowDefinitionExecutor(DefinitionStore store, DefinitionParser parser,
			DataSource dataSource, WorkflowJson json, ObjectProvider<DefinitionSync> sync, ActionRegistry actions) {
		return new TaskGraphExecutor(store, parser, new JdbcTemplate(dataSource), json,
				(pack) -> sync.getObject().packConfig(pack),
				(action) -> actions.find(action).map(RegisteredAction::queue).orElse(null));
	}

	@Bean
	@ConditionalOnMissingBean
	TaskCallSource durableFlowTaskCallSource(WorkflowJson json) {
		return new TaskCallSource(json);
	}

	@Bean
	@ConditionalOnMissingBean
	DefinitionSync durableFlowDefinitionSync(PackLoader loader, DefinitionStore store, ActionRegistry actions,
			WorkflowRegistry workflows, @Qualifier("durableFlowClock") Clock clock) {
		return new DefinitionSync(loader, store,
				() -> actions.all().stream().map(RegisteredAction::name).collect(Collectors.toSet()),
				() -> workflows.all()
					.stream()
					.filter((definition) -> WorkflowDefinitionView.BEAN.equals(definition.source()))
					.map((definition) -> definition.name())
					.collect(Collectors.<String>toSet()),
				clock);
	}

}
