package io.durableflow.sample.review;

/** One thing a check found: a rule, where, and what. */
public record Finding(String rule, int sentence, String text) {
}
