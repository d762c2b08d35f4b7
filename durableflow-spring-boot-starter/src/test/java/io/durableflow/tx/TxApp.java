package io.durableflow.tx;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The host of the transactional-step tests: its own entity ({@link LedgerEntry}), its own
 * Spring Data repository and its own Flyway migration ({@code db/tx-host}) beside
 * DurableFlow; Spring Boot's {@code JpaTransactionManager} unless a test gives another.
 */
@SpringBootApplication
public class TxApp {

	static ConfigurableApplicationContext start(String jdbcUrl, Class<?>... configurations) {
		List<String> args = new ArrayList<>(List.of("--spring.datasource.url=" + jdbcUrl,
				"--spring.flyway.locations=classpath:db/tx-host", "--durableflow.worker.poll-interval=200ms",
				"--durableflow.lease.ttl=2s", "--spring.jpa.hibernate.ddl-auto=validate",
				"--spring.main.banner-mode=off", "--logging.level.root=WARN"));
		return new SpringApplicationBuilder(TxApp.class).sources(configurations)
			.web(WebApplicationType.NONE)
			.run(args.toArray(String[]::new));
	}

}
