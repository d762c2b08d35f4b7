package io.durableflow.sample.checks;

/** One thing a check found: a rule, where, and what. */
public record Finding(String rule, int sentence, String text) {
}
