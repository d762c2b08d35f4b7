package io.durableflow.definition.yaml;

import org.jspecify.annotations.Nullable;

/** What a cancel does to a run's running tasks ({@code cancellation_policy}). */
public enum CancellationPolicy {

	/** Running tasks end by themselves; nothing new starts (the default). */
	ALLOW_FINISH("allow_finish"),

	/** Running tasks and children are cancelled too. */
	CANCEL_RUNNING("cancel_running");

	private final String yamlName;

	CancellationPolicy(String yamlName) {
		this.yamlName = yamlName;
	}

	/** As written in YAML. */
	public String yamlName() {
		return this.yamlName;
	}

	static @Nullable CancellationPolicy of(String yamlName) {
		for (CancellationPolicy policy : values()) {
			if (policy.yamlName.equals(yamlName)) {
				return policy;
			}
		}
		return null;
	}

}
