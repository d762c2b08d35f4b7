package io.durableflow.ui;

import io.durableflow.InvalidRunStateException;
import io.durableflow.RunNotFoundException;
import io.durableflow.UnknownWorkflowException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Errors of the JSON API as RFC 9457 problem details. */
@RestControllerAdvice(assignableTypes = DurableFlowApiController.class)
public class DurableFlowApiExceptionHandler {

	@ExceptionHandler({ RunNotFoundException.class, UnknownWorkflowException.class })
	ProblemDetail notFound(RuntimeException ex) {
		return problem(HttpStatus.NOT_FOUND, "Not found", ex.getMessage());
	}

	@ExceptionHandler(InvalidRunStateException.class)
	ProblemDetail conflict(InvalidRunStateException ex) {
		ProblemDetail problem = problem(HttpStatus.CONFLICT, "Not possible in the run's state", ex.getMessage());
		problem.setProperty("runStatus", ex.status().dbValue());
		return problem;
	}

	@ExceptionHandler(DurableFlowApiController.BadApiRequestException.class)
	ProblemDetail badRequest(RuntimeException ex) {
		return problem(HttpStatus.BAD_REQUEST, "Bad request", ex.getMessage());
	}

	@ExceptionHandler(DurableFlowApiController.ReadOnlyConsoleException.class)
	ProblemDetail readOnly(RuntimeException ex) {
		return problem(HttpStatus.FORBIDDEN, "Read-only console", ex.getMessage());
	}

	private static ProblemDetail problem(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return problem;
	}

}
