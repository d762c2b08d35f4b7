package io.durableflow.sample.review;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Timing of the document review, under {@code sample.review}.
 *
 * @param coolDown how long a checked document cools down before approval is asked for
 * @param approvalTimeout how long the review waits for an approval
 */
@ConfigurationProperties("sample.review")
public record ReviewProperties(Duration coolDown, Duration approvalTimeout) {

	public ReviewProperties {
		coolDown = (coolDown != null) ? coolDown : Duration.ofSeconds(5);
		approvalTimeout = (approvalTimeout != null) ? approvalTimeout : Duration.ofMinutes(2);
	}

}
