package io.durableflow.definition;

import java.lang.reflect.Type;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.durableflow.action.Action;
import io.durableflow.action.DurableAction;
import io.durableflow.action.UnknownActionException;
import io.durableflow.queue.Queues;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Every action by name: the built-ins ({@link CoreActions}) and each bean annotated
 * {@link DurableAction} that implements {@link Action}. Built once, when first asked
 * (after the singletons exist); two actions of one name, a {@code core.*} name, an
 * annotated bean that is no action, or an undeclared queue stop the start-up, naming the
 * bean(s).
 */
public class ActionRegistry implements SmartInitializingSingleton {

	private final @Nullable ListableBeanFactory beans;

	private final Queues queues;

	private volatile @Nullable Map<String, RegisteredAction> byName;

	public ActionRegistry(@Nullable ListableBeanFactory beans, Queues queues) {
		this.beans = beans;
		this.queues = queues;
	}

	/**
	 * The action of that name, or an {@link UnknownActionException} naming the others.
	 */
	public RegisteredAction require(String name) {
		RegisteredAction action = actions().get(name);
		if (action == null) {
			throw new UnknownActionException(name, actions().keySet());
		}
		return action;
	}

	public Optional<RegisteredAction> find(String name) {
		return Optional.ofNullable(actions().get(name));
	}

	/**
	 * The queue of the action of that name; {@code null} when it has none of its own or
	 * no action has that name.
	 */
	public @Nullable String queueOf(String name) {
		RegisteredAction action = actions().get(name);
		return (action != null) ? action.queue() : null;
	}

	/** Every action, by name. */
	public Collection<RegisteredAction> all() {
		return actions().values();
	}

	/** Builds the registry at start-up, so that a bad action fails it. */
	@Override
	public void afterSingletonsInstantiated() {
		actions();
	}

	private Map<String, RegisteredAction> actions() {
		Map<String, RegisteredAction> actions = this.byName;
		if (actions == null) {
			synchronized (this) {
				actions = this.byName;
				if (actions == null) {
					actions = collect();
					this.byName = actions;
				}
			}
		}
		return actions;
	}

	@SuppressWarnings("unchecked")
	private Map<String, RegisteredAction> collect() {
		Map<String, RegisteredAction> actions = new TreeMap<>();
		CoreActions.all().forEach((action) -> actions.put(action.name(), action));
		if (this.beans == null) {
			return actions;
		}
		Map<String, Object> annotated = new LinkedHashMap<>(this.beans.getBeansWithAnnotation(DurableAction.class));
		for (Map.Entry<String, Object> entry : annotated.entrySet()) {
			String beanName = entry.getKey();
			Object bean = entry.getValue();
			Class<?> type = AopUtils.getTargetClass(bean);
			DurableAction annotation = AnnotatedElementUtils.findMergedAnnotation(type, DurableAction.class);
			if (annotation == null) {
				continue;
			}
			if (!(bean instanceof Action<?, ?> action)) {
				throw new IllegalStateException("Bean '" + beanName + "' (" + type.getName()
						+ ") is annotated @DurableAction but does not implement " + Action.class.getName());
			}
			String name = annotation.name();
			if (name.isBlank()) {
				throw new IllegalStateException("@DurableAction of bean '" + beanName + "' has a blank name");
			}
			if (name.startsWith("core.")) {
				throw new IllegalStateException("Action '" + name + "' of bean '" + beanName
						+ "': names under 'core.' are the built-in actions'");
			}
			RegisteredAction existing = actions.get(name);
			if (existing != null) {
				throw new IllegalStateException("Two actions are named '" + name + "': " + existing.origin()
						+ " and bean '" + beanName + "' (" + type.getName() + ")");
			}
			String queue = annotation.queue().isEmpty() ? null : annotation.queue();
			if (queue != null) {
				try {
					this.queues.require(queue);
				}
				catch (IllegalArgumentException ex) {
					throw new IllegalStateException(
							"Action '" + name + "' of bean '" + beanName + "': " + ex.getMessage(), ex);
				}
			}
			ResolvableType generics = ResolvableType.forClass(type).as(Action.class);
			actions.put(name,
					new RegisteredAction(name, "bean '" + beanName + "' (" + type.getName() + ")",
							(Action<Object, Object>) action, typeOf(generics.getGeneric(0)),
							typeOf(generics.getGeneric(1)), queue));
		}
		return actions;
	}

	private static Type typeOf(ResolvableType type) {
		return (type == ResolvableType.NONE || type.resolve() == null) ? Object.class : type.getType();
	}

}
