package io.durableflow;

import org.jspecify.annotations.Nullable;

/**
 * Why a step or run failed: a stable {@code code} (for metrics and filtering), the
 * message, whether the failure was retryable, and the exception type ({@code null} for a
 * cancellation, which no exception caused).
 */
public record WorkflowError(String code, @Nullable String message, boolean retryable, @Nullable String type) {
}
