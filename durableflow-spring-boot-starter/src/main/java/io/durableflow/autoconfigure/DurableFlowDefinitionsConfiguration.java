package io.durableflow.autoconfigure;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.durableflow.DurableFlow;
import io.durableflow.WorkflowDefinitionView;
import io.durableflow.WorkflowDefinitions;
import io.durableflow.definition.ActionRegistry;
import io.durableflow.definition.DefinitionSource;
import io.durableflow.definition.RegisteredAction;
import io.durableflow.definition.WorkflowRegistry;
import io.durableflow.definition.stored.DefaultWorkflowDefinitions;
import io.durableflow.definition.stored.DefinitionChanges;
import io.durableflow.definition.stored.DefinitionExecutor;
import io.durableflow.definition.stored.DefinitionStore;
import io.durableflow.definition.stored.DefinitionSync;
import io.durableflow.definition.stored.StoredDefinitionSource;
import io.durableflow.definition.yaml.DefinitionParser;
import io.durableflow.json.WorkflowJson;
import io.durableflow.taskgraph.TaskGraphExecutor;
import io.durableflow.definition.yaml.DefinitionsSettings;
import io.durableflow.definition.yaml.PackLoader;
import io.durableflow.notify.WakeChannel;
import io.durableflow.store.schema.DurableFlowSchema;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
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
 * loader, the registrar and the start-up sync of the pack folders, the stored definitions
 * as workflows of the registry and the {@link WorkflowDefinitions} bean, unless
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
		DefinitionsProperties definitions = properties.getDefinitions();
		DefinitionsSettings settings = DefinitionsSettings.defaults()
			.withLocations(definitions.getLocations().toArray(String[]::new))
			.withMaxFileSize(definitions.getMaxFileSize())
			.withFailOnError(definitions.isFailOnError());
		for (Map.Entry<String, DefinitionsProperties.Pack> pack : definitions.getPacks().entrySet()) {
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
	DefinitionExecutor durableFlowDefinitionExecutor(DefinitionStore store, DefinitionParser parser, WorkflowJson json,
			ObjectProvider<DefinitionSync> sync, ActionRegistry actions, DataSource dataSource) {
		return new TaskGraphExecutor(store, parser, json, (pack) -> sync.getObject().packConfig(pack), actions::queueOf,
				new JdbcTemplate(dataSource));
	}

	@Bean
	@ConditionalOnMissingBean
	DefinitionChanges durableFlowDefinitionChanges(WorkflowRegistry workflows, ObjectProvider<WakeChannel> channel) {
		return new DefinitionChanges(workflows, channel.getIfAvailable());
	}

	/**
	 * The stored definitions as workflows, run by the {@link DefinitionExecutor} bean
	 * when there is one; a ref that another source's workflow has is left out.
	 */
	@Bean
	@ConditionalOnMissingBean
	StoredDefinitionSource durableFlowStoredDefinitionSource(DefinitionStore store,
			ObjectProvider<DefinitionExecutor> executors, WorkflowJson json, ObjectProvider<DefinitionSource> sources) {
		AtomicReference<StoredDefinitionSource> self = new AtomicReference<>();
		StoredDefinitionSource source = new StoredDefinitionSource(store, executors, json,
				() -> otherWorkflows(sources, self.get()));
		self.set(source);
		return source;
	}

	@Bean
	@ConditionalOnMissingBean
	DefinitionSync durableFlowDefinitionSync(PackLoader loader, DefinitionStore store, ActionRegistry actions,
			WorkflowRegistry workflows, @Qualifier("durableFlowClock") Clock clock, DefinitionChanges changes) {
		return new DefinitionSync(loader, store, actionNames(actions), () -> {
			Map<String, String> names = new LinkedHashMap<>();
			workflows.all()
				.stream()
				.filter((definition) -> !WorkflowDefinitionView.YAML.equals(definition.source()))
				.forEach((definition) -> names.put(definition.name(), definition.origin()));
			return names;
		}, clock, () -> changes.changed("sync"));
	}

	@Bean
	@ConditionalOnMissingBean(WorkflowDefinitions.class)
	DefaultWorkflowDefinitions durableFlowWorkflowDefinitions(DefinitionStore store, DefinitionSync sync,
			DefinitionParser parser, StoredDefinitionSource source, WorkflowRegistry workflows, ActionRegistry actions,
			ObjectProvider<DefinitionSource> sources, ObjectProvider<DurableFlow> flow, WorkflowJson json,
			@Qualifier("durableFlowClock") Clock clock, DefinitionChanges changes, DurableFlowProperties properties) {
		return new DefaultWorkflowDefinitions(store, sync, parser, source, workflows, actionNames(actions),
				() -> otherWorkflows(sources, source), flow, json.mapper(), clock, changes::changed,
				properties.getDefinitions().getLocations());
	}

	private static Supplier<Set<String>> actionNames(ActionRegistry actions) {
		return () -> actions.all().stream().map(RegisteredAction::name).collect(Collectors.toSet());
	}

	/** The names the workflows of every other source take, each with its origin. */
	private static Map<String, String> otherWorkflows(ObjectProvider<DefinitionSource> sources,
			DefinitionSource stored) {
		Map<String, String> names = new LinkedHashMap<>();
		sources.orderedStream()
			.filter((source) -> source != stored)
			.flatMap((source) -> source.definitions().stream())
			.forEach((definition) -> names.putIfAbsent(definition.name(), definition.origin()));
		return names;
	}

}
