package io.durableflow.sample.review;

/** The input of a review: which document. */
public record ReviewRequest(long documentId) {
}
