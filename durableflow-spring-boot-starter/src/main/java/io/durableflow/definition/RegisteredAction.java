package io.durableflow.definition;

import java.lang.reflect.Type;

import io.durableflow.action.Action;
import org.jspecify.annotations.Nullable;

/**
 * An action as registered: its name, where it came from ({@code bean 'x'} or
 * {@code built-in}), the action, its input and output types (from its type arguments,
 * {@code Object} where they are not known) and its queue ({@code null}: the caller's).
 */
public record RegisteredAction(String name, String origin, Action<Object, Object> action, Type inputType,
		Type outputType, @Nullable String queue) {
}
