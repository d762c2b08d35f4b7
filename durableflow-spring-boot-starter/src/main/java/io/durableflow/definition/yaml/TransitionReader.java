package io.durableflow.definition.yaml;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A task's transitions in the canonical form. {@code next} is read as written. Without
 * it, the legacy fields are folded into it in this order: {@code on_success}
 * ({@code when:
 * succeeded()}), {@code on_failure} ({@code failed()}), {@code on_complete} (no
 * condition), {@code on_timeout} ({@code timed_out()}), then each {@code decision}
 * branch; a default branch ({@code - default: X}, or {@code - default: true} with
 * {@code next: X}) becomes the decision's {@linkplain TransitionModel#otherwise()
 * otherwise}. A legacy task-level {@code publish} goes with the {@code on_success}
 * transition; without one, a {@code succeeded()} transition that only publishes is put
 * first, so that the decision branches after it see what it published (Attune attaches it
 * to whichever transition comes first, which publishes only on a timeout when that is
 * {@code on_timeout}).
 */
final class TransitionReader {

	static final List<String> LEGACY = List.of("on_success", "on_failure", "on_complete", "on_timeout", "decision",
			"publish");

	private static final Set<String> NEXT_KEYS = Set.of("when", "publish", "do", "decision", "otherwise");

	private static final Set<String> BRANCH_KEYS = Set.of("when", "next", "default");

	private static final String SUCCEEDED = "{{ succeeded() }}";

	private final NodeJson json;

	private final Problems problems;

	private final SourceMap sourceMap;

	TransitionReader(NodeJson json, Problems problems, SourceMap sourceMap) {
		this.json = json;
		this.problems = problems;
		this.sourceMap = sourceMap;
	}

	List<TransitionModel> read(YamlEntries task) {
		YamlEntries.Entry next = task.get("next");
		List<Pending> pending;
		if (next != null) {
			for (String legacy : LEGACY) {
				YamlEntries.Entry entry = task.get(legacy);
				if (entry != null) {
					this.problems.warning(entry.keyLocation(), "'" + legacy
							+ "' is ignored: this task has 'next', which replaces the legacy transition fields; "
							+ "move it into 'next'");
				}
			}
			pending = next(next);
		}
		else {
			pending = legacy(task);
		}
		return build(pending, SourceMap.child(task.path(), "next"));
	}

	private List<Pending> next(YamlEntries.Entry entry) {
		List<Pending> transitions = new ArrayList<>();
		if (Values.isNull(entry.value())) {
			return transitions;
		}
		if (!(entry.value() instanceof SequenceNode sequence)) {
			this.problems.error(entry.valueLocation(), "'next' must be a list of transitions: - {when, publish, do}");
			return transitions;
		}
		for (int i = 0; i < sequence.getValue().size(); i++) {
			Node item = sequence.getValue().get(i);
			String path = SourceMap.index(entry.path(), i);
			if (!(item instanceof MappingNode mapping)) {
				this.problems.error(SourceLocation.of(item, path),
						"A transition must be a mapping: {when, publish, do}");
				continue;
			}
			YamlEntries fields = YamlEntries.of(mapping, path, this.problems);
			fields.warnUnknown(NEXT_KEYS, "a transition", this.problems);
			Pending transition = new Pending(fields.location());
			transition.when(fields.get("when"), this.problems);
			YamlEntries.Entry targets = fields.get("do");
			if (targets != null && !Values.isNull(targets.value())) {
				transition.targets.addAll(Values.names(targets.value(), targets.path(), "'do'", this.problems));
			}
			transition.publish.addAll(publish(fields.get("publish")));
			transition.decision = Boolean.TRUE.equals(Values.bool(fields.get("decision"), "'decision'", this.problems));
			transition.otherwise = Boolean.TRUE
				.equals(Values.bool(fields.get("otherwise"), "'otherwise'", this.problems));
			if (transition.otherwise) {
				transition.decision = true;
				if (transition.when != null) {
					this.problems.error(fields.get("when").keyLocation(),
							"An otherwise transition fires when no other branch of the decision did: it has no 'when'");
					transition.when = null;
				}
			}
			transitions.add(transition);
		}
		return transitions;
	}

	private List<Pending> legacy(YamlEntries task) {
		List<Pending> transitions = new ArrayList<>();
		Pending onSuccess = simple(task.get("on_success"), SUCCEEDED, transitions);
		simple(task.get("on_failure"), "{{ failed() }}", transitions);
		simple(task.get("on_complete"), null, transitions);
		simple(task.get("on_timeout"), "{{ timed_out() }}", transitions);
		decision(task.get("decision"), transitions);
		YamlEntries.Entry publish = task.get("publish");
		List<PendingPublish> directives = publish(publish);
		if (!directives.isEmpty()) {
			if (onSuccess == null) {
				onSuccess = new Pending(publish.keyLocation());
				onSuccess.when = SUCCEEDED;
				onSuccess.whenLocation = publish.keyLocation();
				transitions.add(0, onSuccess);
			}
			onSuccess.publish.addAll(directives);
		}
		return transitions;
	}

	private @Nullable Pending simple(YamlEntries.@Nullable Entry entry, @Nullable String when,
			List<Pending> transitions) {
		if (entry == null || Values.isNull(entry.value())) {
			return null;
		}
		Pending transition = new Pending(entry.keyLocation());
		transition.when = when;
		transition.whenLocation = entry.keyLocation();
		transition.targets.addAll(Values.names(entry.value(), entry.path(), "'" + entry.key() + "'", this.problems));
		transitions.add(transition);
		return transition;
	}

	private void decision(YamlEntries.@Nullable Entry entry, List<Pending> transitions) {
		if (entry == null || Values.isNull(entry.value())) {
			return;
		}
		if (!(entry.value() instanceof SequenceNode sequence)) {
			this.problems.error(entry.valueLocation(),
					"'decision' must be a list of branches: - {when, next}, and at most one - default: <task>");
			return;
		}
		SourceLocation firstDefault = null;
		for (int i = 0; i < sequence.getValue().size(); i++) {
			Node item = sequence.getValue().get(i);
			String path = SourceMap.index(entry.path(), i);
			if (!(item instanceof MappingNode mapping)) {
				this.problems.error(SourceLocation.of(item, path), "A decision branch must be a mapping: {when, next}");
				continue;
			}
			YamlEntries branch = YamlEntries.of(mapping, path, this.problems);
			branch.warnUnknown(BRANCH_KEYS, "a decision branch", this.problems);
			Pending transition = new Pending(branch.location());
			transition.decision = true;
			YamlEntries.Entry defaultEntry = branch.get("default");
			YamlEntries.Entry nextEntry = branch.get("next");
			if (defaultEntry != null && defaultEntry.value() instanceof ScalarNode scalar && !Values.isNull(scalar)
					&& !isBoolean(scalar)) {
				transition.otherwise = true;
				transition.targets.addAll(Values.names(scalar, defaultEntry.path(), "'default'", this.problems));
				if (nextEntry != null) {
					this.problems.error(nextEntry.keyLocation(),
							"A branch '- default: <task>' names its task already: remove 'next'");
				}
			}
			else {
				transition.otherwise = Boolean.TRUE.equals(Values.bool(defaultEntry, "'default'", this.problems));
				if (nextEntry == null || Values.isNull(nextEntry.value())) {
					this.problems.error(branch.location(), "A decision branch needs 'next': the task it starts");
				}
				else {
					transition.targets
						.addAll(Values.names(nextEntry.value(), nextEntry.path(), "'next'", this.problems));
				}
			}
			if (transition.otherwise) {
				if (branch.has("when")) {
					this.problems.error(branch.get("when").keyLocation(),
							"A default branch fires when no other branch did: it has no 'when'");
				}
				if (firstDefault != null) {
					this.problems.error(defaultEntry.keyLocation(), "A decision has at most one default branch; "
							+ "the first is at line " + firstDefault.line());
				}
				else {
					firstDefault = defaultEntry.keyLocation();
				}
			}
			else {
				transition.when(branch.get("when"), this.problems);
				if (transition.when == null) {
					this.problems.error(branch.location(),
							"A decision branch needs 'when' (or is the default: - default: <task>)");
				}
			}
			transitions.add(transition);
		}
	}

	private static boolean isBoolean(ScalarNode scalar) {
		return scalar.getTag().equals(org.yaml.snakeyaml.nodes.Tag.BOOL);
	}

	private List<PendingPublish> publish(YamlEntries.@Nullable Entry entry) {
		List<PendingPublish> directives = new ArrayList<>();
		if (entry == null || Values.isNull(entry.value())) {
			return directives;
		}
		if (entry.value() instanceof MappingNode mapping) {
			directives(YamlEntries.of(mapping, entry.path(), this.problems), directives);
		}
		else if (entry.value() instanceof SequenceNode sequence) {
			for (int i = 0; i < sequence.getValue().size(); i++) {
				Node item = sequence.getValue().get(i);
				String path = SourceMap.index(entry.path(), i);
				if (item instanceof MappingNode mapping) {
					directives(YamlEntries.of(mapping, path, this.problems), directives);
				}
				else if (item instanceof ScalarNode scalar && !Values.isNull(scalar)) {
					// Attune's bare name: the variable is set to the task's whole result
					directives.add(new PendingPublish(scalar.getValue(), null, path, SourceLocation.of(scalar, path)));
				}
				else {
					this.problems.error(SourceLocation.of(item, path), "A publish directive is - name: template");
				}
			}
		}
		else {
			this.problems.error(entry.valueLocation(), "'publish' must be a list of - name: template");
		}
		return directives;
	}

	private void directives(YamlEntries entries, List<PendingPublish> directives) {
		for (YamlEntries.Entry entry : entries.all()) {
			directives.add(new PendingPublish(entry.key(), entry.value(), entry.path(), entry.valueLocation()));
		}
	}

	private List<TransitionModel> build(List<Pending> pending, String nextPath) {
		List<TransitionModel> transitions = new ArrayList<>();
		for (int i = 0; i < pending.size(); i++) {
			Pending transition = pending.get(i);
			String path = SourceMap.index(nextPath, i);
			this.sourceMap.put(path, transition.location);
			if (transition.whenLocation != null) {
				this.sourceMap.put(path + ".when", transition.whenLocation);
			}
			List<String> targets = new ArrayList<>();
			for (int t = 0; t < transition.targets.size(); t++) {
				Values.Named target = transition.targets.get(t);
				this.sourceMap.put(path + ".do[" + t + "]", target.location());
				targets.add(target.name());
			}
			List<PublishModel> publish = new ArrayList<>();
			for (int p = 0; p < transition.publish.size(); p++) {
				PendingPublish directive = transition.publish.get(p);
				String publishPath = path + ".publish[" + p + "]";
				JsonNode value;
				if (directive.value == null) {
					this.sourceMap.put(publishPath, directive.location);
					value = JsonNodeFactory.instance.stringNode("{{ result() }}");
				}
				else {
					value = this.json.convert(directive.value, publishPath, directive.path);
				}
				publish.add(new PublishModel(directive.name, value));
			}
			transitions.add(new TransitionModel(transition.when, publish, targets, transition.decision,
					transition.otherwise, transition.location.line(), transition.location.column()));
		}
		return transitions;
	}

	/** A transition while it is assembled: indices are known only once all are. */
	private static final class Pending {

		final SourceLocation location;

		@Nullable String when;

		@Nullable SourceLocation whenLocation;

		final List<Values.Named> targets = new ArrayList<>();

		final List<PendingPublish> publish = new ArrayList<>();

		boolean decision;

		boolean otherwise;

		Pending(SourceLocation location) {
			this.location = location;
		}

		void when(YamlEntries.@Nullable Entry entry, Problems problems) {
			this.when = Values.text(entry, "'when'", problems);
			if (this.when != null) {
				this.whenLocation = entry.valueLocation();
			}
		}

	}

	private record PendingPublish(String name, @Nullable Node value, String path, SourceLocation location) {

	}

}
