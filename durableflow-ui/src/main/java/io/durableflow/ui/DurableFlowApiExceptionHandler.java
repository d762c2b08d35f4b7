package io.durableflow.ui;

import java.util.LinkedHashMap;
import java.util.Map;

import io.durableflow.DefinitionExistsException;
import io.durableflow.DefinitionInUseException;
import io.durableflow.DefinitionNotStartableException;
import io.durableflow.InvalidDefinitionException;
import io.durableflow.InvalidParametersException;
import io.durableflow.InvalidRunStateException;
import io.durableflow.MalformedDefinitionException;
import io.durableflow.RunNotFoundException;
import io.durableflow.UnknownPackException;
import io.durableflow.UnknownWorkflowException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Errors of the JSON API as RFC 9457 problem details: unknown things 404, impossible
 * actions 409, bad input 400 (a definition that is not YAML or JSON with its line and
 * column), an invalid definition or parameters 422 with every error, a body over its
 * limit 413, a read-only console 403. Also for the endpoints of a run whose id has
 * several parts ({@link DurableFlowRunPathsApiController}), which the other controllers
 * answer.
 */
@RestControllerAdvice(assignableTypes = { DurableFlowApiController.class, DurableFlowDefinitionsApiController.class,
		DurableFlowRunPathsApiController.class })
public class DurableFlowApiExceptionHandler {

	@ExceptionHandler({ RunNotFoundException.class, UnknownWorkflowException.class, UnknownPackException.class,
			DurableFlowDefinitionsApiController.DefinitionsDisabledException.class,
			DurableFlowStepGraphApiController.NotAStepGraphException.class,
			DurableFlowArtifactsApiController.ArtifactNotFoundException.class })
	ProblemDetail notFound(RuntimeException ex) {
		return problem(HttpStatus.NOT_FOUND, "Not found", ex.getMessage());
	}

	@ExceptionHandler(InvalidRunStateException.class)
	ProblemDetail conflict(InvalidRunStateException ex) {
		ProblemDetail problem = problem(HttpStatus.CONFLICT, "Not possible in the run's state", ex.getMessage());
		problem.setProperty("runStatus", ex.status().dbValue());
		return problem;
	}

	@ExceptionHandler({ DurableFlowApiController.BadApiRequestException.class, IllegalArgumentException.class })
	ProblemDetail badRequest(RuntimeException ex) {
		return problem(HttpStatus.BAD_REQUEST, "Bad request", ex.getMessage());
	}

	@ExceptionHandler(DurableFlowApiController.ReadOnlyConsoleException.class)
	ProblemDetail readOnly(RuntimeException ex) {
		return problem(HttpStatus.FORBIDDEN, "Read-only console", ex.getMessage());
	}

	@ExceptionHandler(RequestBodies.PayloadTooLargeException.class)
	ProblemDetail tooLarge(RuntimeException ex) {
		return problem(HttpStatus.CONTENT_TOO_LARGE, "Request body too large", ex.getMessage());
	}

	@ExceptionHandler(MalformedDefinitionException.class)
	ProblemDetail malformed(MalformedDefinitionException ex) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Not YAML or JSON", ex.getMessage());
		problem.setProperty("line", ex.line());
		problem.setProperty("column", ex.column());
		return problem;
	}

	@ExceptionHandler(InvalidDefinitionException.class)
	ProblemDetail invalid(InvalidDefinitionException ex) {
		ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid definition", ex.getMessage());
		problem.setProperty("ref", ex.ref());
		problem.setProperty("errors", DefinitionJsonViews.problems(ex.errors()));
		problem.setProperty("warnings", DefinitionJsonViews.problems(ex.warnings()));
		return problem;
	}

	@ExceptionHandler(InvalidParametersException.class)
	ProblemDetail invalidParameters(InvalidParametersException ex) {
		ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid parameters", ex.getMessage());
		problem.setProperty("errors", ex.errors().stream().map((error) -> {
			Map<String, Object> view = new LinkedHashMap<>();
			view.put("path", error.path());
			view.put("message", error.message());
			return view;
		}).toList());
		return problem;
	}

	@ExceptionHandler(DefinitionExistsException.class)
	ProblemDetail exists(DefinitionExistsException ex) {
		ProblemDetail problem = problem(HttpStatus.CONFLICT, "The name is taken", ex.getMessage());
		problem.setProperty("ref", ex.ref());
		problem.setProperty("existing", ex.existing());
		return problem;
	}

	@ExceptionHandler(DefinitionInUseException.class)
	ProblemDetail inUse(DefinitionInUseException ex) {
		ProblemDetail problem = problem(HttpStatus.CONFLICT, "Definition in use", ex.getMessage());
		problem.setProperty("unfinishedRuns", ex.unfinishedRuns());
		return problem;
	}

	@ExceptionHandler(DefinitionNotStartableException.class)
	ProblemDetail notStartable(DefinitionNotStartableException ex) {
		return problem(HttpStatus.CONFLICT, "Definition not startable", ex.getMessage());
	}

	private static ProblemDetail problem(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return problem;
	}

}
