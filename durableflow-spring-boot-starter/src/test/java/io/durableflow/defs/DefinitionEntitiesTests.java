package io.durableflow.defs;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.durableflow.DurableFlow;
import io.durableflow.WorkflowDefinitions;
import io.durableflow.WorkflowDefinitions.Format;
import io.durableflow.it.Contexts;
import io.durableflow.store.entity.WorkflowDefinitionEntity;
import io.durableflow.store.entity.WorkflowDefinitionRevisionEntity;
import io.durableflow.store.entity.WorkflowRunEntity;
import io.durableflow.test.TestDatabase;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The definition tables of migration V11 are mapped by JPA entities like the engine's
 * other tables: they pass {@code ddl-auto=validate} (which {@link Contexts} sets), and a
 * definition the registrar wrote reads back through them, every revision by its key.
 */
class DefinitionEntitiesTests {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	@TempDir
	Path packs;

	@Test
	void aRegisteredDefinitionAndItsRevisionsReadBackThroughTheEntities() {
		try (ConfigurableApplicationContext context = Contexts.start(TestDatabase.newDatabase(),
				"durableflow.definitions.locations=file:" + this.packs + "/")) {
			WorkflowDefinitions definitions = context.getBean(WorkflowDefinitions.class);
			WorkflowDefinitions.Details first = definitions
				.create(WorkflowDefinitionsTests.REVIEW.replace("tags: [docs]", "tags: [docs, review]"), Format.YAML);
			WorkflowDefinitions.Details second = definitions.update("docs.review",
					WorkflowDefinitionsTests.REVIEW.replace("1.0.0", "1.1.0"), Format.YAML);
			String runId = context.getBean(DurableFlow.class)
				.start("docs.review", Map.of("title", "Plan"), io.durableflow.StartOptions.defaults())
				.runId();

			EntityManager entities = context.getBean(EntityManagerFactory.class).createEntityManager();
			try {
				WorkflowDefinitionEntity current = entities
					.createQuery("SELECT d FROM WorkflowDefinitionEntity d WHERE d.ref = :ref",
							WorkflowDefinitionEntity.class)
					.setParameter("ref", "docs.review")
					.getSingleResult();
				assertThat(current.getPack()).isEqualTo("docs");
				assertThat(current.getLabel()).isEqualTo("Review");
				assertThat(current.getVersion()).isEqualTo("1.1.0");
				assertThat(current.getRevision()).isEqualTo(2);
				assertThat(current.getTags()).containsExactly("docs");
				assertThat(MAPPER.readTree(current.getParameters())).isEqualTo(MAPPER.valueToTree(second.parameters()));
				assertThat(current.getOutput()).isNull();
				assertThat(MAPPER.readTree(current.getDefinition()).get("ref").asString()).isEqualTo("docs.review");
				assertThat(current.getSource()).isEqualTo(second.source());
				assertThat(current.getOrigin()).isEqualTo("api");
				assertThat(current.getLocation()).isNull();
				assertThat(current.getChecksum()).hasSize(64);
				assertThat(current.getCreatedAt()).isEqualTo(first.createdAt());
				assertThat(current.getUpdatedAt()).isEqualTo(second.updatedAt());

				WorkflowDefinitionRevisionEntity revision = entities.find(WorkflowDefinitionRevisionEntity.class,
						new WorkflowDefinitionRevisionEntity.Key("docs.review", 1));
				assertThat(revision.getVersion()).isEqualTo("1.0.0");
				assertThat(revision.getSource()).isEqualTo(first.source());
				assertThat(MAPPER.readTree(revision.getDefinition()).get("tags"))
					.isEqualTo(MAPPER.valueToTree(List.of("docs", "review")));
				assertThat(entities
					.createQuery("SELECT v.revision FROM WorkflowDefinitionRevisionEntity v WHERE v.ref = :ref "
							+ "ORDER BY v.revision", Integer.class)
					.setParameter("ref", "docs.review")
					.getResultList()).containsExactly(1, 2);

				WorkflowRunEntity run = entities
					.createQuery("SELECT r FROM WorkflowRunEntity r WHERE r.runId = :runId", WorkflowRunEntity.class)
					.setParameter("runId", runId)
					.getSingleResult();
				assertThat(run.getDefinitionRevision()).isEqualTo(2);
			}
			finally {
				entities.close();
			}
		}
	}

}
