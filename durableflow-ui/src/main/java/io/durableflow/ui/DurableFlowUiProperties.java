package io.durableflow.ui;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the DurableFlow console and its JSON API, under
 * {@code durableflow.ui}.
 */
@ConfigurationProperties("durableflow.ui")
public class DurableFlowUiProperties {

	/** Whether to mount the console and its JSON API. */
	private boolean enabled = true;

	/** Path the console is mounted at; its JSON API lives under {path}/api. */
	private String path = "/durableflow";

	/** Whether to hide and refuse operator actions (cancel, retry, send an event). */
	private boolean readOnly;

	/**
	 * Whether to open the console to anyone without authentication. For local development
	 * only: the console shows business data. Prefer Spring Security or basic auth.
	 */
	private boolean allowUnauthenticated;

	private final BasicAuth basicAuth = new BasicAuth();

	private final Api api = new Api();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getPath() {
		return this.path;
	}

	public void setPath(String path) {
		Assert.notNull(path, "durableflow.ui.path must not be null");
		Assert.isTrue(path.length() > 1, "durableflow.ui.path must not be '/' or empty");
		Assert.isTrue(path.startsWith("/"), "durableflow.ui.path must start with '/'");
		this.path = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
	}

	public boolean isReadOnly() {
		return this.readOnly;
	}

	public void setReadOnly(boolean readOnly) {
		this.readOnly = readOnly;
	}

	public boolean isAllowUnauthenticated() {
		return this.allowUnauthenticated;
	}

	public void setAllowUnauthenticated(boolean allowUnauthenticated) {
		this.allowUnauthenticated = allowUnauthenticated;
	}

	public BasicAuth getBasicAuth() {
		return this.basicAuth;
	}

	public Api getApi() {
		return this.api;
	}

	public static class BasicAuth {

		/**
		 * User name that opens the console with HTTP basic auth (together with the
		 * password).
		 */
		private String username;

		/**
		 * Password that opens the console with HTTP basic auth (together with the user
		 * name).
		 */
		private String password;

		public String getUsername() {
			return this.username;
		}

		public void setUsername(String username) {
			this.username = username;
		}

		public String getPassword() {
			return this.password;
		}

		public void setPassword(String password) {
			this.password = password;
		}

		public boolean isConfigured() {
			return this.username != null && !this.username.isEmpty() && this.password != null
					&& !this.password.isEmpty();
		}

	}

	public static class Api {

		/**
		 * Largest request body the JSON API accepts, such as an event sent to
		 * /api/events.
		 */
		private DataSize maxRequestSize = DataSize.ofKilobytes(64);

		public DataSize getMaxRequestSize() {
			return this.maxRequestSize;
		}

		public void setMaxRequestSize(DataSize maxRequestSize) {
			this.maxRequestSize = maxRequestSize;
		}

	}

}
