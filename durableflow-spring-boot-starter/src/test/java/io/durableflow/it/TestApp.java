package io.durableflow.it;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The host application of the integration tests: it scans this package for workflows. */
@SpringBootApplication
public class TestApp {

}
