package io.durableflow;

/** A started run. */
public record RunHandle(String runId) {
}
