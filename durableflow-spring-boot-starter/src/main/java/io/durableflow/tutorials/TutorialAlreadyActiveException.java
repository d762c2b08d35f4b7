package io.durableflow.tutorials;

/** The user already has an unfinished run of this tutorial (HTTP 409). */
public class TutorialAlreadyActiveException extends TutorialException {

	public TutorialAlreadyActiveException(String userId, String slug) {
		super("User '" + userId + "' already has an unfinished run of tutorial '" + slug
				+ "'; finish or cancel it before starting another", userId, slug);
	}

	@Override
	public String reason() {
		return "already_active";
	}

}
