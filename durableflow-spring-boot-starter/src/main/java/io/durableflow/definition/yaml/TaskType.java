package io.durableflow.definition.yaml;

import org.jspecify.annotations.Nullable;

/** What a task runs, as its {@code type} says. */
public enum TaskType {

	/** An action (the default): {@code action} names it. */
	ACTION("action"),

	/** Sub-tasks ({@code tasks}) run concurrently; it succeeds when all do. */
	PARALLEL("parallel"),

	/** Another definition as a child run: {@code action} is its ref. */
	WORKFLOW("workflow");

	private final String yamlName;

	TaskType(String yamlName) {
		this.yamlName = yamlName;
	}

	/** As written in YAML. */
	public String yamlName() {
		return this.yamlName;
	}

	static @Nullable TaskType of(String yamlName) {
		for (TaskType type : values()) {
			if (type.yamlName.equals(yamlName)) {
				return type;
			}
		}
		return null;
	}

}
