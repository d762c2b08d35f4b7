package io.durableflow.tutorials;

/** The user already has the most unfinished tutorial runs allowed (HTTP 429). */
public class TutorialLimitExceededException extends TutorialException {

	private final int limit;

	public TutorialLimitExceededException(String userId, String slug, int limit) {
		super("User '" + userId + "' already has " + limit + " unfinished tutorial runs, the most allowed "
				+ "(durableflow.tutorials.max-active-per-user); finish or cancel one first", userId, slug);
		this.limit = limit;
	}

	public int limit() {
		return this.limit;
	}

	@Override
	public String reason() {
		return "limit_exceeded";
	}

}
