package io.durableflow.sample.review;

/** The output of a review. */
public record ReviewVerdict(long documentId, boolean published, String verdict, int styleFindings, int typos,
		String approvedBy) {
}
