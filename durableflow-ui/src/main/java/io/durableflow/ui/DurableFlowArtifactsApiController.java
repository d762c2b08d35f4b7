package io.durableflow.ui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.durableflow.ArtifactRef;
import io.durableflow.RunNotFoundException;
import io.durableflow.WorkflowArtifacts;

import org.springframework.core.io.InputStreamResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A run's artifacts under {@code {durableflow.ui.path}/api/runs/{runId}/artifacts}: the
 * list as JSON, and each one's bytes as a download. A download is always an attachment
 * with the stored content type, {@code nosniff} and a sandboxing content security policy,
 * so an artifact a workflow labelled {@code text/html} is saved, never rendered as a page
 * of the console. A run whose id has several parts (a child run's) reaches these through
 * {@link DurableFlowRunPathsApiController}. Registered by
 * {@link DurableFlowUiAutoConfiguration}.
 */
@RestController
@RequestMapping("${durableflow.ui.path:/durableflow}/api/runs/{runId}/artifacts")
public class DurableFlowArtifactsApiController {

	private final WorkflowArtifacts artifacts;

	private final DurableFlowUiProperties properties;

	public DurableFlowArtifactsApiController(WorkflowArtifacts artifacts, DurableFlowUiProperties properties) {
		this.artifacts = artifacts;
		this.properties = properties;
	}

	/** The run's artifacts in the order stored; 404 for an unknown run. */
	@GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
	public List<Map<String, Object>> list(@PathVariable String runId) {
		return this.artifacts.list(runId).stream().map((artifact) -> view(runId, artifact)).toList();
	}

	/** One artifact's bytes; 404 unless the run has an artifact of that id. */
	@GetMapping("/{artifactId}")
	public ResponseEntity<InputStreamResource> download(@PathVariable String runId, @PathVariable String artifactId)
			throws IOException {
		ArtifactRef artifact = this.artifacts.find(runId, artifactId)
			.orElseThrow(() -> new ArtifactNotFoundException(runId, artifactId));
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(mediaType(artifact.contentType()));
		headers.setContentLength(artifact.size());
		headers.set(HttpHeaders.CONTENT_DISPOSITION, disposition(artifact.name()));
		headers.set("X-Content-Type-Options", "nosniff");
		headers.set("Content-Security-Policy", "default-src 'none'; sandbox");
		headers.setCacheControl("private, no-store");
		return new ResponseEntity<>(new InputStreamResource(this.artifacts.open(artifact)), headers, HttpStatus.OK);
	}

	private Map<String, Object> view(String runId, ArtifactRef artifact) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("id", artifact.id());
		view.put("name", artifact.name());
		view.put("contentType", artifact.contentType());
		view.put("size", artifact.size());
		view.put("stepName", artifact.stepName());
		view.put("createdAt", artifact.createdAt().toString());
		view.put("downloadUrl", downloadPath(this.properties.getPath(), runId, artifact));
		return view;
	}

	/**
	 * The path of an artifact's download, as the run page links it: the run id's parts
	 * percent-encoded, its slashes kept ({@link ConsolePaths#encode}), so that a child
	 * run's download ({@link DurableFlowRunPathsApiController}) keeps all of its id.
	 */
	static String downloadPath(String base, String runId, ArtifactRef artifact) {
		return base + "/api/runs/" + ConsolePaths.encode(runId) + "/artifacts/" + ConsolePaths.encode(artifact.id());
	}

	/**
	 * {@code attachment}, with the name twice: exactly, percent-encoded as UTF-8
	 * ({@code filename*}, RFC 6266 and 5987, which browsers prefer), and as a plain ASCII
	 * fallback with every other character replaced by {@code _} ({@code filename}), so no
	 * quote, angle bracket or line break of a name reaches the header as itself.
	 */
	static String disposition(String name) {
		StringBuilder fallback = new StringBuilder();
		name.codePoints()
			.forEach((c) -> fallback
				.append((c < 128 && (Character.isLetterOrDigit(c) || " .-_()".indexOf(c) >= 0)) ? (char) c : '_'));
		StringBuilder encoded = new StringBuilder();
		for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
			int c = b & 0xff;
			if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
					|| "!#$&+-.^_`|~".indexOf(c) >= 0) {
				encoded.append((char) c);
			}
			else {
				encoded.append('%').append(String.format("%02X", c));
			}
		}
		return "attachment; filename=\"" + fallback + "\"; filename*=UTF-8''" + encoded;
	}

	/** The stored type, or plain bytes if it no longer parses as a media type. */
	private static MediaType mediaType(String contentType) {
		try {
			return MediaType.parseMediaType(contentType);
		}
		catch (InvalidMediaTypeException ex) {
			return MediaType.APPLICATION_OCTET_STREAM;
		}
	}

	@ExceptionHandler({ RunNotFoundException.class, ArtifactNotFoundException.class })
	ResponseEntity<ProblemDetail> notFound(RuntimeException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
		problem.setTitle("Not found");
		return ResponseEntity.status(HttpStatus.NOT_FOUND)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

	/** The run has no artifact of that id. */
	static class ArtifactNotFoundException extends RuntimeException {

		ArtifactNotFoundException(String runId, String artifactId) {
			super("Run '" + runId + "' has no artifact with id '" + artifactId + "'");
		}

	}

}
