package io.durableflow;

import java.util.Locale;

/**
 * Whether a run is a playground toy or live work. Platform-template runs are always
 * playground.
 */
public enum LifecycleStage {

	PLAYGROUND, LIVE;

	public String dbValue() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static LifecycleStage fromDb(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

}
