package io.durableflow.sample.tutorials;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.durableflow.tutorials.TutorialAlreadyActiveException;
import io.durableflow.tutorials.TutorialLimitExceededException;
import io.durableflow.tutorials.Tutorials;
import io.durableflow.tutorials.UnknownTutorialException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The tutorial gallery's API: the catalog, and "start this tutorial for me". The
 * signed-in user is the {@code X-User} header (a stand-in for the app's real
 * authentication). With {@code durableflow.tutorials.enabled=false} the catalog is empty
 * and every slug is unknown.
 */
@RestController
@RequestMapping("/tutorials")
public class TutorialController {

	private final ObjectProvider<Tutorials> tutorials;

	public TutorialController(ObjectProvider<Tutorials> tutorials) {
		this.tutorials = tutorials;
	}

	@GetMapping
	public List<Map<String, String>> catalog() {
		Tutorials tutorials = this.tutorials.getIfAvailable();
		if (tutorials == null) {
			return List.of();
		}
		return tutorials.catalog()
			.tutorials()
			.stream()
			.map((tutorial) -> Map.of("slug", tutorial.slug(), "title", tutorial.title()))
			.toList();
	}

	@PostMapping("/{slug}/start")
	public ResponseEntity<Map<String, String>> start(@PathVariable String slug,
			@RequestHeader(name = "X-User", required = false) String user) {
		if (user == null || user.isBlank()) {
			throw new IllegalArgumentException("Say who you are with the X-User header");
		}
		Tutorials tutorials = this.tutorials.getIfAvailable();
		if (tutorials == null) {
			throw new UnknownTutorialException(user, slug, List.of());
		}
		String runId = tutorials.start(user, slug).runId();
		return ResponseEntity.created(URI.create("/durableflow/runs/" + runId)).body(Map.of("runId", runId));
	}

	@ExceptionHandler(UnknownTutorialException.class)
	ProblemDetail unknown(UnknownTutorialException ex) {
		return problem(HttpStatus.NOT_FOUND, "Unknown tutorial", ex);
	}

	@ExceptionHandler(TutorialAlreadyActiveException.class)
	ProblemDetail alreadyActive(TutorialAlreadyActiveException ex) {
		return problem(HttpStatus.CONFLICT, "This tutorial is already running for you", ex);
	}

	@ExceptionHandler(TutorialLimitExceededException.class)
	ProblemDetail limit(TutorialLimitExceededException ex) {
		return problem(HttpStatus.TOO_MANY_REQUESTS, "Three tutorials are running already", ex);
	}

	@ExceptionHandler(IllegalArgumentException.class)
	ProblemDetail badRequest(IllegalArgumentException ex) {
		return problem(HttpStatus.BAD_REQUEST, "Bad request", ex);
	}

	private static ProblemDetail problem(HttpStatus status, String title, RuntimeException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, ex.getMessage());
		problem.setTitle(title);
		return problem;
	}

}
