package io.durableflow.autoconfigure;

import java.nio.file.Path;
import java.time.Clock;

import javax.sql.DataSource;

import io.durableflow.WorkflowArtifacts;
import io.durableflow.artifact.ArtifactStore;
import io.durableflow.artifact.FileSystemArtifactStore;
import io.durableflow.artifact.JdbcArtifactStore;
import io.durableflow.artifact.engine.ArtifactRemovals;
import io.durableflow.artifact.engine.ArtifactRows;
import io.durableflow.artifact.engine.ArtifactWriter;
import io.durableflow.artifact.engine.DefaultWorkflowArtifacts;
import io.durableflow.store.schema.DurableFlowSchema;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Artifacts ({@code durableflow.artifacts.*}): the {@link ArtifactStore} (in the database
 * unless {@code store=filesystem}; an application's own bean replaces it), what stores an
 * artifact once ({@link ArtifactWriter}), the {@link WorkflowArtifacts} bean and the
 * sweep that deletes removed artifacts' bytes from the store.
 */
@Configuration(proxyBeanMethods = false)
class DurableFlowArtifactsConfiguration {

	@Bean
	@ConditionalOnMissingBean(ArtifactStore.class)
	@ConditionalOnProperty(name = "durableflow.artifacts.store", havingValue = "jdbc", matchIfMissing = true)
	JdbcArtifactStore durableFlowJdbcArtifactStore(DataSource dataSource, DurableFlowSchema schema) {
		return new JdbcArtifactStore(new JdbcTemplate(dataSource));
	}

	@Bean
	@ConditionalOnMissingBean(ArtifactStore.class)
	@ConditionalOnProperty(name = "durableflow.artifacts.store", havingValue = "filesystem")
	FileSystemArtifactStore durableFlowFileSystemArtifactStore(DurableFlowProperties properties) {
		Path root = properties.getArtifacts().getFilesystem().getRoot();
		if (root == null) {
			throw new IllegalStateException("durableflow.artifacts.store=filesystem needs "
					+ "durableflow.artifacts.filesystem.root, the folder to write artifacts' files to; set it, or "
					+ "remove durableflow.artifacts.store to keep artifacts in the database");
		}
		return new FileSystemArtifactStore(root);
	}

	@Bean
	@ConditionalOnMissingBean
	ArtifactRows durableFlowArtifactRows(DataSource dataSource, DurableFlowSchema schema) {
		return new ArtifactRows(new JdbcTemplate(dataSource));
	}

	@Bean
	@ConditionalOnMissingBean
	ArtifactWriter durableFlowArtifactWriter(DataSource dataSource, ArtifactRows rows, ArtifactStore store,
			DurableFlowProperties properties, @Qualifier("durableFlowClock") Clock clock) {
		TransactionTemplate ownTransactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		ownTransactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		return new ArtifactWriter(rows, store, properties.getArtifacts().getMaxSize(), clock, ownTransactions);
	}

	@Bean
	@ConditionalOnMissingBean(WorkflowArtifacts.class)
	DefaultWorkflowArtifacts durableFlowWorkflowArtifacts(ArtifactRows rows, ArtifactStore store) {
		return new DefaultWorkflowArtifacts(rows, store);
	}

	@Bean
	@ConditionalOnMissingBean
	ArtifactRemovals durableFlowArtifactRemovals(DataSource dataSource, DurableFlowSchema schema, ArtifactStore store,
			DurableFlowProperties properties) {
		return new ArtifactRemovals(new JdbcTemplate(dataSource),
				new TransactionTemplate(new DataSourceTransactionManager(dataSource)), store,
				properties.getArtifacts().getRemovalInterval());
	}

}
