package io.durableflow.store.schema;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;

import org.springframework.beans.factory.InitializingBean;

/**
 * Migrates DurableFlow's own schema with a private Flyway instance: schema
 * {@code durableflow}, history table {@code durableflow_schema_history}, migrations under
 * {@code classpath:io/durableflow/db/migration}. The host's Flyway (if any) and its
 * {@code db/migration} folder are left alone. Detected as a database initializer, so JPA
 * and other database users start after it.
 */
public class DurableFlowSchema implements InitializingBean {

	public static final String SCHEMA = "durableflow";

	public static final String HISTORY_TABLE = "durableflow_schema_history";

	public static final String LOCATION = "classpath:io/durableflow/db/migration";

	private static final Log logger = LogFactory.getLog(DurableFlowSchema.class);

	private final DataSource dataSource;

	public DurableFlowSchema(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	@Override
	public void afterPropertiesSet() {
		requirePostgres(this.dataSource);
		MigrateResult result = flyway(this.dataSource).load().migrate();
		if (result.migrationsExecuted > 0) {
			logger.info("DurableFlow schema migrated to version " + result.targetSchemaVersion + " ("
					+ result.migrationsExecuted + " migrations)");
		}
	}

	/**
	 * The private Flyway instance's configuration: DurableFlow's schema, history table
	 * and migrations only.
	 */
	static FluentConfiguration flyway(DataSource dataSource) {
		return Flyway.configure(DurableFlowSchema.class.getClassLoader())
			.dataSource(dataSource)
			.schemas(SCHEMA)
			.defaultSchema(SCHEMA)
			.createSchemas(true)
			.table(HISTORY_TABLE)
			.locations(LOCATION)
			.baselineOnMigrate(false);
	}

	static void requirePostgres(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection()) {
			DatabaseMetaData metaData = connection.getMetaData();
			String product = metaData.getDatabaseProductName();
			if (!"PostgreSQL".equalsIgnoreCase(product)) {
				throw new IllegalStateException("DurableFlow needs a PostgreSQL DataSource, but the application's "
						+ "DataSource is " + product + " (" + metaData.getURL() + "). Point spring.datasource.url at "
						+ "PostgreSQL, or set durableflow.enabled=false.");
			}
			if (metaData.getDatabaseMajorVersion() < 13) {
				throw new IllegalStateException(
						"DurableFlow needs PostgreSQL 13 or newer, found " + metaData.getDatabaseProductVersion());
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("DurableFlow could not connect to its DataSource: " + ex.getMessage(), ex);
		}
	}

}
