package io.durableflow.taskgraph;

import io.durableflow.StepError;

/**
 * A template that could not be rendered: its task fails with code {@value #CODE}, at once
 * (rendering again gives the same result).
 */
final class TemplateException extends StepError {

	static final String CODE = "template_error";

	TemplateException(String message) {
		super(CODE, message, null, false);
	}

}
