package io.durableflow;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Declarative (YAML or JSON) workflow definitions, stored by DurableFlow with every
 * revision kept: list them beside the code workflows, read one, post, change and delete
 * them, validate and sync a pack folder, start one by its ref. A definition is a
 * workflow: its ref is its name, and
 * {@link DurableFlow#start(String, Object, StartOptions)} starts it as well, with the
 * same parameter checks. A bean unless {@code durableflow.definitions.enabled=false}.
 * <p>
 * Values are plain Java: JSON objects are {@code Map<String, Object>}, arrays
 * {@code List<Object>}, numbers, strings, booleans and {@code null}.
 */
public interface WorkflowDefinitions {

	/**
	 * A page of workflows: the code workflows first (by name; only when neither a pack
	 * nor a tag is asked for), then the stored definitions by ref.
	 * @param pack only definitions of this pack, or {@code null}
	 * @param tag only definitions with this tag, or {@code null}
	 * @param text only those whose name, label or description contains it (ignoring
	 * case), or {@code null}
	 * @param page the page, from 1
	 * @param size its size, 1 to {@value #MAX_PAGE_SIZE}
	 */
	Page list(@Nullable String pack, @Nullable String tag, @Nullable String text, int page, int size);

	/** The most items {@link #list} gives at once. */
	int MAX_PAGE_SIZE = 200;

	/**
	 * The workflow of that name: a stored definition at its current revision, or a code
	 * workflow (whose details say less).
	 */
	Optional<Details> find(String ref);

	/** A stored definition at one of its revisions, also one of a deleted definition. */
	Optional<Details> find(String ref, int revision);

	/**
	 * Each task's status in a run of a stored definition, told from what the run recorded
	 * so far, at the revision the run runs
	 * ({@link WorkflowRunView#definitionRevision()}): task name (sub-tasks of a parallel
	 * group included) to one of {@code pending} (not reached), {@code running} (a step of
	 * it running or retrying, a child run not finished, items or sub-tasks still going),
	 * {@code waiting} (an inquiry not answered yet), {@code succeeded}, {@code failed},
	 * {@code timed_out}, {@code skipped} (its {@code when} was false), or
	 * {@code cancelled} (running or waiting when the run was cancelled). A with_items
	 * task is told from its items, a parallel group from its sub-tasks. A task's first
	 * attempt is recorded when it ends: it is {@code pending} until then.
	 * @return the statuses in the definition's order; empty for a run that is not of a
	 * stored definition (a code workflow's), or when the executor cannot tell
	 * @throws RunNotFoundException if there is no run with that id
	 */
	Map<String, String> taskStatuses(String runId);

	/**
	 * Every revision of a stored definition, newest first.
	 * @throws UnknownDefinitionException if there is no definition with that ref
	 */
	List<Revision> versions(String ref);

	/**
	 * Registers a new definition from its text, which names its {@code ref}.
	 * @throws MalformedDefinitionException if the text is not YAML (or not JSON)
	 * @throws InvalidDefinitionException listing every error, if it is not a valid
	 * definition
	 * @throws DefinitionExistsException if a definition or a code workflow has that ref
	 */
	Details create(String body, Format format);

	/**
	 * Registers a new revision of a stored definition; the text may leave out its
	 * {@code ref} but must not name another. The same text as the current revision
	 * changes nothing.
	 * @throws UnknownDefinitionException if there is no definition with that ref
	 * @throws MalformedDefinitionException if the text is not YAML (or not JSON)
	 * @throws InvalidDefinitionException listing every error
	 */
	Details update(String ref, String body, Format format);

	/**
	 * Deletes a stored definition. Its revisions stay, so its finished runs stay
	 * readable.
	 * @throws UnknownDefinitionException if there is no definition with that ref
	 * @throws DefinitionInUseException while runs of it are unfinished
	 */
	void delete(String ref);

	/**
	 * Reads a pack from its folder and reports every file's problems, registering
	 * nothing.
	 * @throws UnknownPackException if no location has that pack
	 */
	PackValidation validatePack(String pack);

	/**
	 * Reads a pack from its folder again and registers what changed: new refs, new
	 * revisions. Definitions whose files were removed stay registered.
	 * @throws UnknownPackException if no location has that pack
	 */
	PackSync syncPack(String pack);

	/**
	 * The files that could not be registered when their packs were last synced (at
	 * start-up or by {@link #syncPack}), each with its problems.
	 */
	List<FileProblems> unregistered();

	/**
	 * Starts a run of the workflow of that name. The parameters are checked against the
	 * definition's parameter schema (every error listed) and its defaults fill missing or
	 * {@code null} values; the run records the revision it started with.
	 * @param runId the run's id, for an idempotent start; {@code null} for a new id
	 * @throws UnknownWorkflowException if no workflow has that name
	 * @throws InvalidParametersException listing every parameter error
	 * @throws DefinitionNotStartableException if the definition cannot run here
	 */
	RunHandle start(String ref, @Nullable Map<String, ?> parameters, @Nullable String runId);

	/**
	 * The input of {@code run} as it may be shown: its parameters as plain Java values,
	 * with every value that its definition's parameter schema, at the revision the run
	 * started with, marks {@code secret: true} replaced by {@value #MASK} (at any depth
	 * of the schema's {@code properties} and {@code items}). The input of a run of a code
	 * workflow, or of a definition without secrets, is given as it is. Only this view is
	 * masked: the stored input, what the workflow reads, and what its tasks were given
	 * and returned are not.
	 * @return the input, or {@code null} when the run has none
	 */
	@Nullable Object maskedInput(WorkflowRunView run);

	/**
	 * The timeline of {@code run} as it may be shown: each step's input and result with
	 * the values of the run's secret parameters masked, where they appear as they are (a
	 * string or number equal to one, or a string that contains one of at least 4
	 * characters, becomes {@value #MASK}); a secret that was transformed (encoded, split)
	 * is not found. Logs and error messages are not masked. A run without secrets is
	 * given as it is.
	 */
	WorkflowTimeline maskedTimeline(WorkflowRunView run, WorkflowTimeline timeline);

	/**
	 * The output of {@code run} (its JSON text) as it may be shown: with the values of
	 * its secret parameters masked as {@link #maskedTimeline} masks them (an
	 * {@code output_map} entry that copied one).
	 * @return the output, or {@code null} when the run has none
	 */
	@Nullable String maskedOutput(WorkflowRunView run);

	/** What {@link #maskedInput} shows in place of a secret value. */
	String MASK = "******";

	/**
	 * The largest definition text {@link #create} and {@link #update} read
	 * ({@code durableflow.definitions.max-file-size}).
	 */
	long maxSourceBytes();

	/** How a definition's text is written. */
	enum Format {

		/** YAML (JSON is accepted as well, being YAML). */
		YAML,

		/** JSON only. */
		JSON

	}

	/**
	 * A page of {@link #list}.
	 *
	 * @param items the workflows on it
	 * @param page the page, from 1
	 * @param size the page size asked for
	 * @param total how many workflows match, on all pages
	 */
	record Page(List<Summary> items, int page, int size, long total) {

		public Page {
			items = List.copyOf(items);
		}

	}

	/**
	 * A workflow in a list.
	 *
	 * @param ref its name (a definition's ref)
	 * @param kind {@value WorkflowDefinitionView#YAML} for a stored definition,
	 * {@value WorkflowDefinitionView#BEAN} for a {@link DurableWorkflow} bean, or another
	 * source's kind
	 * @param pack a definition's pack; {@code null} for code
	 * @param label its label, or {@code null}
	 * @param description its description, or {@code null}
	 * @param version a definition's own version text; {@code null} for code
	 * @param revision a definition's current revision (from 1); {@code null} for a bean
	 * @param tags a definition's tags
	 * @param startable whether a run of it can be started here
	 * @param errors how many errors it has now (a stored definition had none when it was
	 * registered)
	 * @param warnings how many warnings
	 * @param updatedAt when its current revision was registered; {@code null} for code
	 */
	record Summary(String ref, String kind, @Nullable String pack, @Nullable String label, @Nullable String description,
			@Nullable String version, @Nullable Integer revision, List<String> tags, boolean startable, int errors,
			int warnings, @Nullable Instant updatedAt) {

		public Summary {
			tags = List.copyOf(tags);
		}

	}

	/**
	 * A workflow in full. For code workflows only the name, kind, revision (a source's
	 * version) and {@code startable} are given.
	 *
	 * @param ref its name
	 * @param kind as in {@link Summary#kind()}
	 * @param pack its pack
	 * @param label its label
	 * @param description its description
	 * @param version its own version text
	 * @param revision this revision (from 1)
	 * @param tags its tags
	 * @param parameters its start parameters as JSON Schema, or {@code null}
	 * @param output its output as JSON Schema, or {@code null}
	 * @param definition the normalized definition (the canonical form of the format)
	 * @param source the text it was registered from
	 * @param origin {@code file} (a pack folder) or {@code api} (posted)
	 * @param location the file, for {@code file}
	 * @param errors its errors now (a stored definition had none when registered)
	 * @param warnings its warnings
	 * @param startable whether a run of it can be started here
	 * @param createdAt when its ref was first registered
	 * @param updatedAt when this revision was registered
	 */
	record Details(String ref, String kind, @Nullable String pack, @Nullable String label, @Nullable String description,
			@Nullable String version, @Nullable Integer revision, List<String> tags,
			@Nullable Map<String, Object> parameters, @Nullable Map<String, Object> output,
			@Nullable Map<String, Object> definition, @Nullable String source, @Nullable String origin,
			@Nullable String location, List<Problem> errors, List<Problem> warnings, boolean startable,
			@Nullable Instant createdAt, @Nullable Instant updatedAt) {

		public Details {
			tags = List.copyOf(tags);
			parameters = copy(parameters);
			output = copy(output);
			definition = copy(definition);
			errors = List.copyOf(errors);
			warnings = List.copyOf(warnings);
		}

		private static @Nullable Map<String, Object> copy(@Nullable Map<String, Object> map) {
			// JSON values may be null, which Map.copyOf refuses
			return (map != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(map)) : null;
		}

	}

	/**
	 * One revision of a stored definition.
	 *
	 * @param revision its number, from 1
	 * @param version the definition's own version text in it
	 * @param origin {@code file} or {@code api}
	 * @param location the file, for {@code file}
	 * @param checksum SHA-256 of its text
	 * @param createdAt when it was registered
	 * @param current whether it is the definition's current revision
	 */
	record Revision(int revision, String version, String origin, @Nullable String location, String checksum,
			Instant createdAt, boolean current) {
	}

	/**
	 * A problem of a definition's text, at the line of the offending key or value.
	 *
	 * @param file the file (or {@code api} for a posted text)
	 * @param line its line, from 1
	 * @param column its column, from 1
	 * @param path where in the document, such as {@code tasks[2].next[0].do[1]}; empty
	 * for the document
	 * @param message what is wrong and what to do about it
	 * @param error an error (the text is refused) or a warning
	 */
	record Problem(String file, int line, int column, String path, String message, boolean error) {
	}

	/**
	 * A definition file and its problems.
	 *
	 * @param file the file, relative to its location (such as
	 * {@code docs/workflows/review.yaml})
	 * @param ref its ref, when it can be told
	 * @param errors its errors
	 * @param warnings its warnings
	 */
	record FileProblems(String file, @Nullable String ref, List<Problem> errors, List<Problem> warnings) {

		public FileProblems {
			errors = List.copyOf(errors);
			warnings = List.copyOf(warnings);
		}

	}

	/**
	 * What {@link #validatePack} found.
	 *
	 * @param pack the pack
	 * @param valid whether no file has an error
	 * @param files every file of the pack (and the pack's own problems, under the file
	 * they concern)
	 */
	record PackValidation(String pack, boolean valid, List<FileProblems> files) {

		public PackValidation {
			files = List.copyOf(files);
		}

	}

	/**
	 * What {@link #syncPack} did.
	 *
	 * @param pack the pack
	 * @param registered refs registered for the first time (revision 1)
	 * @param updated refs that got a new revision
	 * @param unchanged refs whose text had not changed
	 * @param errors every error of the files that were not registered
	 */
	record PackSync(String pack, List<String> registered, List<String> updated, List<String> unchanged,
			List<Problem> errors) {

		public PackSync {
			registered = List.copyOf(registered);
			updated = List.copyOf(updated);
			unchanged = List.copyOf(unchanged);
			errors = List.copyOf(errors);
		}

	}

}
