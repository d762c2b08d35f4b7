package io.durableflow.tutorials;

/** Why a tutorial could not start. */
public abstract class TutorialException extends RuntimeException {

	private final String userId;

	private final String slug;

	protected TutorialException(String message, String userId, String slug) {
		super(message);
		this.userId = userId;
		this.slug = slug;
	}

	public String userId() {
		return this.userId;
	}

	public String slug() {
		return this.slug;
	}

	/**
	 * A stable reason, for metrics: {@code already_active}, {@code limit_exceeded},
	 * {@code unknown_slug}.
	 */
	public abstract String reason();

}
