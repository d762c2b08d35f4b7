package io.durableflow.autoconfigure;

import java.util.List;

import javax.sql.DataSource;

import io.durableflow.definition.WorkflowRegistry;
import io.durableflow.start.RunStarter;
import io.durableflow.store.TutorialStore;
import io.durableflow.store.commit.EngineSupport;
import io.durableflow.store.schema.DurableFlowSchema;
import io.durableflow.tutorials.TutorialCatalog;
import io.durableflow.tutorials.Tutorials;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Platform-hosted tutorials on top of the engine: the {@link TutorialCatalog} (empty
 * unless the application declares one), the {@link Tutorials} bean that starts them, and
 * the SQL of their limits. Off with {@code durableflow.tutorials.enabled=false}.
 */
@AutoConfiguration(after = DurableFlowAutoConfiguration.class)
@ConditionalOnBean({ RunStarter.class, EngineSupport.class })
@ConditionalOnBooleanProperty(name = "durableflow.tutorials.enabled", matchIfMissing = true)
public final class DurableFlowTutorialsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	TutorialCatalog durableFlowTutorialCatalog() {
		return List::of;
	}

	@Bean
	@ConditionalOnMissingBean
	TutorialStore durableFlowTutorialStore(DataSource dataSource, DurableFlowSchema schema) {
		return new TutorialStore(new JdbcTemplate(dataSource));
	}

	@Bean
	@ConditionalOnMissingBean
	Tutorials durableFlowTutorials(TutorialCatalog catalog, WorkflowRegistry registry, RunStarter starter,
			TutorialStore store, EngineSupport support, DataSource dataSource, DurableFlowProperties properties) {
		return new Tutorials(catalog, registry, starter, store, support, dataSource,
				properties.getTutorials().getMaxActivePerUser());
	}

}
