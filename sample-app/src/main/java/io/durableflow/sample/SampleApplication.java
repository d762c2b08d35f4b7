package io.durableflow.sample;

import org.springframework.boot.SpringApplication;
import io.durableflow.sample.review.ReviewProperties;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** A document-review app built on DurableFlow. */
@SpringBootApplication
@EnableConfigurationProperties(ReviewProperties.class)
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
