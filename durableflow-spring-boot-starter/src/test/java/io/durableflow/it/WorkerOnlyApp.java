package io.durableflow.it;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;

/**
 * A worker-only application, the usual shape of a separate worker deployment: no web
 * server, no keep-alive, and a {@code main} that returns as soon as the application has
 * started, like a user's. Only DurableFlow's own threads can keep this JVM running; it
 * must run until SIGTERM and then stop cleanly.
 * <p>
 * Its configuration is {@link TestApp} (the test host application and its workflows): a
 * second {@code @SpringBootApplication} in this package would be picked up by every test
 * context's component scan. The arguments are Spring Boot command-line properties
 * ({@code --spring.datasource.url=...}).
 */
public final class WorkerOnlyApp {

	private WorkerOnlyApp() {
	}

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(TestApp.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.run(args);
		System.out.println("WORKER-ONLY-READY " + ProcessHandle.current().pid());
		System.out.flush();
	}

}
