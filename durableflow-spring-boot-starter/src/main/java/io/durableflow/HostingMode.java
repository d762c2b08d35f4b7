package io.durableflow;

import java.util.Locale;

/**
 * Who owns a run: the user's own workflows, or a platform-hosted template (a tutorial).
 */
public enum HostingMode {

	USER_GIT, PLATFORM_TEMPLATE;

	public String dbValue() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static HostingMode fromDb(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

}
