package io.durableflow;

/**
 * Why a step or run failed: a stable {@code code} (for metrics and filtering), the message,
 * whether the failure was retryable, and the exception type.
 */
public record WorkflowError(String code, String message, boolean retryable, String type) {
}
