package io.durableflow.it;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.durableflow.ArtifactRef;
import io.durableflow.DurableWorkflow;
import io.durableflow.StepError;
import io.durableflow.StepOptions;
import io.durableflow.Workflow;
import io.durableflow.WorkflowContext;
import io.durableflow.action.Action;
import io.durableflow.action.ActionContext;
import io.durableflow.action.DurableAction;

/** Workflows and an action that store artifacts. */
final class ArtifactWorkflows {

	/** How many times each run's "boom" step ran. */
	static final Map<String, AtomicInteger> booms = new ConcurrentHashMap<>();

	private ArtifactWorkflows() {
	}

	static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/** One of each kind: outside a step, inside a step, from an action, and empty. */
	@DurableWorkflow(name = "artifact-kinds")
	static class Kinds implements Workflow<String, Map<String, ArtifactRef>> {

		@Override
		public Map<String, ArtifactRef> run(WorkflowContext flow, String text) {
			Map<String, ArtifactRef> refs = new LinkedHashMap<>();
			refs.put("report", flow.artifact("report.csv", "text/csv", utf8("a,b\n" + text)));
			refs.put("empty", flow.artifact("empty.txt", "text/plain", new byte[0]));
			refs.put("inStep", flow.step("render", ArtifactRef.class,
					() -> flow.artifact("page.html", "text/html; charset=utf-8", utf8("<p>" + text + "</p>"))));
			refs.put("fromAction", flow.action("summarize", "test.summarize", text, ArtifactRef.class));
			return refs;
		}

	}

	@DurableAction(name = "test.summarize")
	static class Summarize implements Action<String, ArtifactRef> {

		@Override
		public ArtifactRef execute(ActionContext context, String input) {
			return context.artifact("summary.txt", "text/plain", utf8("summary of " + input));
		}

	}

	/** An artifact of the size asked for, outside any step. */
	@DurableWorkflow(name = "artifact-sized")
	static class Sized implements Workflow<Integer, ArtifactRef> {

		@Override
		public ArtifactRef run(WorkflowContext flow, Integer size) {
			return flow.artifact("blob.bin", "application/octet-stream", new byte[size]);
		}

	}

	/**
	 * Stores an artifact, then fails for good at its first execution of "boom"; an
	 * operator's retry of "boom" replays the artifact.
	 */
	@DurableWorkflow(name = "artifact-then-fail")
	static class ThenFail implements Workflow<String, ArtifactRef> {

		@Override
		public ArtifactRef run(WorkflowContext flow, String text) {
			ArtifactRef ref = flow.artifact("stored-first.txt", "text/plain", utf8(text));
			flow.step("boom", () -> {
				if (booms.computeIfAbsent(flow.runId(), (r) -> new AtomicInteger()).incrementAndGet() == 1) {
					throw StepError.permanent("boom", "the first time");
				}
			});
			return ref;
		}

	}

	/**
	 * A step whose first attempt stores an artifact and then fails: the retry reuses it.
	 */
	@DurableWorkflow(name = "artifact-in-retried-step")
	static class InRetriedStep implements Workflow<String, List<ArtifactRef>> {

		@Override
		public List<ArtifactRef> run(WorkflowContext flow, String text) {
			AtomicInteger attempts = booms.computeIfAbsent(flow.runId(), (r) -> new AtomicInteger());
			ArtifactRef ref = flow.step("export",
					StepOptions.builder().maxAttempts(3).initialBackoff(Duration.ofMillis(10)).build(),
					ArtifactRef.class, () -> {
						ArtifactRef stored = flow.artifact("export.txt", "text/plain",
								utf8(text + " attempt " + (attempts.get() + 1)));
						if (attempts.incrementAndGet() == 1) {
							throw StepError.retryable("flaky", "after storing");
						}
						return stored;
					});
			return List.of(ref);
		}

	}

	/**
	 * A transactional step whose first attempt stores an artifact and then rolls back:
	 * the artifact was written in transactions of its own, so the retry gets it back.
	 */
	@DurableWorkflow(name = "artifact-in-transaction")
	static class InTransaction implements Workflow<String, ArtifactRef> {

		@Override
		public ArtifactRef run(WorkflowContext flow, String text) {
			AtomicInteger attempts = booms.computeIfAbsent(flow.runId(), (r) -> new AtomicInteger());
			return flow.transaction("tx",
					StepOptions.builder().maxAttempts(3).initialBackoff(Duration.ofMillis(10)).build(),
					ArtifactRef.class, () -> {
						ArtifactRef stored = flow.artifact("tx.txt", "text/plain",
								utf8(text + " attempt " + (attempts.get() + 1)));
						if (attempts.incrementAndGet() == 1) {
							throw StepError.retryable("flaky", "rolls the transaction back");
						}
						return stored;
					});
		}

	}

	/** An artifact whose name or content type the input gives. */
	@DurableWorkflow(name = "artifact-named")
	static class Named implements Workflow<Map<String, String>, ArtifactRef> {

		@Override
		public ArtifactRef run(WorkflowContext flow, Map<String, String> in) {
			return flow.artifact(in.get("name"), in.get("contentType"), utf8("x"));
		}

	}

	/** The same artifact name twice in one step. */
	@DurableWorkflow(name = "artifact-twice")
	static class Twice implements Workflow<String, String> {

		@Override
		public String run(WorkflowContext flow, String text) {
			flow.step("both", () -> {
				flow.artifact("same.txt", "text/plain", utf8("1"));
				flow.artifact("same.txt", "text/plain", utf8("2"));
			});
			return text;
		}

	}

}
