package io.durableflow.autoconfigure;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.durableflow.ArtifactRef;
import io.durableflow.WorkflowArtifacts;
import io.durableflow.artifact.ArtifactStore;
import io.durableflow.artifact.FileSystemArtifactStore;
import io.durableflow.artifact.JdbcArtifactStore;
import io.durableflow.artifact.engine.ArtifactRemovals;
import io.durableflow.artifact.engine.ArtifactWriter;
import io.durableflow.test.TestDatabase;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** Which artifact store the properties choose, and that an application's own wins. */
class DurableFlowArtifactsConfigurationTests {

	private static final String URL = TestDatabase.newDatabase();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, JacksonAutoConfiguration.class,
				DurableFlowAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=" + URL, "durableflow.worker.enabled=false");

	@TempDir
	Path folder;

	@Test
	void byDefaultTheBytesAreKeptInTheDatabase() {
		this.runner.run((context) -> assertThat(context).hasNotFailed()
			.hasSingleBean(JdbcArtifactStore.class)
			.hasSingleBean(ArtifactWriter.class)
			.hasSingleBean(WorkflowArtifacts.class)
			.hasSingleBean(ArtifactRemovals.class));
	}

	@Test
	void storeFilesystemWithARootKeepsThemInFilesThere() {
		this.runner
			.withPropertyValues("durableflow.artifacts.store=filesystem",
					"durableflow.artifacts.filesystem.root=" + this.folder.resolve("a"))
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(ArtifactStore.class);
				assertThat(context).getBean(ArtifactStore.class).isInstanceOf(FileSystemArtifactStore.class);
				assertThat(context.getBean(FileSystemArtifactStore.class).root()).isEqualTo(this.folder.resolve("a"));
				assertThat(this.folder.resolve("a")).isDirectory();
			});
	}

	@Test
	void storeFilesystemWithoutARootFailsNamingTheProperty() {
		this.runner.withPropertyValues("durableflow.artifacts.store=filesystem")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining(
						"durableflow.artifacts.store=filesystem needs " + "durableflow.artifacts.filesystem.root"));
	}

	@Test
	void anApplicationsArtifactStoreReplacesOurs() {
		InMemoryStore mine = new InMemoryStore();
		this.runner.withBean("myStore", ArtifactStore.class, () -> mine)
			.withPropertyValues("durableflow.artifacts.store=filesystem")
			.run((context) -> assertThat(context).hasNotFailed().getBean(ArtifactStore.class).isSameAs(mine));
	}

	@Test
	void theMaxSizeIsBoundAsADataSize() {
		this.runner.withPropertyValues("durableflow.artifacts.max-size=2MB")
			.run((context) -> assertThat(
					context.getBean(DurableFlowProperties.class).getArtifacts().getMaxSize().toBytes())
				.isEqualTo(2L * 1024 * 1024));
	}

	/** A store of an application's own, as one for object storage would be. */
	static class InMemoryStore implements ArtifactStore {

		private final Map<String, byte[]> bytes = new ConcurrentHashMap<>();

		@Override
		public String put(String runId, ArtifactRef artifact, byte[] body) {
			this.bytes.put(artifact.id(), body.clone());
			return "memory:" + artifact.id();
		}

		@Override
		public InputStream open(ArtifactRef artifact, String location) {
			return new ByteArrayInputStream(this.bytes.get(artifact.id()));
		}

		@Override
		public void delete(String artifactId, @Nullable String location) {
			this.bytes.remove(artifactId);
		}

	}

}
