package io.durableflow.host;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A typical host: its own entities, repositories and Flyway migrations beside DurableFlow. */
@SpringBootApplication
public class HostApp {

}
