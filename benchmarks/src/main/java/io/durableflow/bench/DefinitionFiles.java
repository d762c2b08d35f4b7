package io.durableflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Writes packs of generated definitions, each like one a team would write: 10 to 20 tasks
 * (a chain of actions with retries, timeouts and published results, failures handled; a
 * parallel group; a split joined again; a decision; a with_items task), the templates
 * different from one file to the next, as real definitions' are; and a
 * {@code config.yaml} per pack. Seeded: the same files every run.
 */
final class DefinitionFiles {

	static final String[] WORDS = { "invoices", "orders", "customers", "reports", "backups", "payments", "shipments",
			"accounts", "metrics", "tickets", "users", "logs", "images", "emails", "contracts", "refunds", "sensors",
			"builds", "releases", "audits" };

	static final Set<String> ACTIONS = Set.of("core.noop", "core.echo", "bench.fetch", "bench.transform", "bench.store",
			"bench.notify", "bench.validate", "bench.publish", "bench.cleanup");

	private static final String[] CHAIN = { "bench.fetch", "bench.validate", "bench.transform", "bench.store",
			"bench.publish" };

	private DefinitionFiles() {
	}

	/**
	 * {@code packs} packs {@code bench_00}, ... of {@code perPack} files each, under
	 * {@code root}.
	 */
	static void write(Path root, int packs, int perPack) throws IOException {
		Random random = new Random(42);
		for (int p = 0; p < packs; p++) {
			String pack = String.format("bench_%02d", p);
			Path workflows = Files.createDirectories(root.resolve(pack).resolve("workflows"));
			Files.writeString(root.resolve(pack).resolve("config.yaml"),
					"endpoint: https://" + pack + ".example.com/api\nthreshold: " + (5 + p) + "\n");
			for (int i = 0; i < perPack; i++) {
				int n = p * perPack + i;
				Files.writeString(workflows.resolve(String.format("wf_%05d.yaml", n)), definition(n, random));
			}
		}
	}

	/** The tags definition {@code n} carries, also used for the rows filled by SQL. */
	static List<String> tags(int n) {
		List<String> tags = new ArrayList<>();
		if (n % 3 == 0) {
			tags.add("ops");
		}
		if (n % 10 == 0) {
			tags.add("nightly");
		}
		if (n % 100 == 7) {
			tags.add("security");
		}
		tags.add("team-" + (n % 25));
		return tags;
	}

	static String definition(int n, Random random) {
		String subject = WORDS[n % WORDS.length];
		String target = WORDS[(n / WORDS.length) % WORDS.length];
		StringBuilder yaml = new StringBuilder();
		yaml.append("# generated definition ").append(n).append('\n');
		yaml.append("label: \"Workflow ")
			.append(n)
			.append(": ")
			.append(subject)
			.append(" to ")
			.append(target)
			.append("\"\n");
		yaml.append("description: Moves ")
			.append(subject)
			.append(" from the ")
			.append(subject)
			.append(" service into ")
			.append(target)
			.append(", checks them and reports.\n");
		yaml.append("version: \"1.").append(n % 7).append(".0\"\n");
		yaml.append("tags: [").append(String.join(", ", tags(n))).append("]\n");
		yaml.append("""
				parameters:
				  target: {type: string, required: true, description: where the results go}
				  count: {type: integer, default: %d}
				  items: {type: array, items: {type: string}, default: [a, b, c]}
				  notify: {type: boolean, default: false}
				vars:
				  attempts: 0
				  total: 0
				tasks:
				  - name: prepare
				    action: core.echo
				    input:
				      target: "{{ parameters.target }}"
				      endpoint: "{{ pack.config.endpoint }}/%s"
				      run: "{{ system.run_id }}"
				    publish:
				      - total: "{{ parameters.count * %d }}"
				""".formatted(3 + n % 5, subject, 2 + n % 3));
		List<String> pieces = new ArrayList<>();
		StringBuilder body = new StringBuilder();
		int chain = random.nextInt(6);
		for (int k = 1; k <= chain; k++) {
			String name = "step_" + k;
			pieces.add(name);
			body.append("  - name: ").append(name).append("\n    action: ").append(CHAIN[(k - 1) % CHAIN.length]);
			body.append("\n    input:\n      source: \"{{ parameters.target }}/").append(subject).append('/').append(k);
			body.append("\"\n      attempt: \"{{ vars.attempts }}\"\n      batch: ").append(n * 10 + k).append('\n');
			if (random.nextInt(3) == 0) {
				body.append("    retry: {count: ")
					.append(1 + random.nextInt(3))
					.append(", delay: ")
					.append(1 + random.nextInt(10))
					.append(", backoff: exponential}\n");
			}
			if (random.nextInt(4) == 0) {
				body.append("    timeout: ").append(30 + random.nextInt(300)).append('\n');
			}
			body.append("    publish:\n      - last_")
				.append(k)
				.append(": \"{{ task.")
				.append(name)
				.append(".result }}\"\n");
			body.append("    on_success: NEXT\n    on_failure: handle_failure\n");
		}
		if (random.nextInt(10) < 7) {
			pieces.add("fan_out");
			body.append("""
					  - name: fan_out
					    type: parallel
					    tasks:
					      - name: fetch_%1$s
					        action: bench.fetch
					        input: {what: %1$s, limit: "{{ parameters.count }}"}
					      - name: fetch_%2$s
					        action: bench.fetch
					        input: {what: %2$s, limit: "{{ parameters.count + %3$d }}"}
					        on_success: combine
					      - name: combine
					        action: bench.transform
					        input: {left: "{{ task.fetch_%2$s.result }}"}
					    on_success: NEXT
					    on_failure: handle_failure
					""".formatted("a_" + subject, "b_" + target, n % 11));
		}
		if (random.nextInt(10) < 7) {
			pieces.add("split");
			body.append("""
					  - name: split
					    action: core.noop
					    next:
					      - do: [left, right]
					  - name: left
					    action: bench.store
					    input: {part: left, of: "%s"}
					    on_success: merge
					  - name: right
					    action: bench.store
					    input: {part: right, of: "%s"}
					    on_success: merge
					  - name: merge
					    action: bench.transform
					    join: 2
					    input: {note: "merged for {{ parameters.target }} (%d)"}
					    on_success: NEXT
					""".formatted(subject, target, n));
		}
		pieces.add("route");
		body.append("""
				  - name: route
				    action: core.noop
				    decision:
				      - when: "{{ vars.total > pack.config.threshold + %d }}"
				        next: big_batch
				      - default: small_batch
				  - name: big_batch
				    action: bench.publish
				    input: {size: big, total: "{{ vars.total }}"}
				    on_success: NEXT
				  - name: small_batch
				    action: bench.publish
				    input: {size: small, total: "{{ vars.total }}"}
				    on_success: NEXT
				""".formatted(n % 13));
		if (random.nextInt(10) < 7) {
			pieces.add("each");
			body.append("""
					  - name: each
					    action: bench.notify
					    with_items: "{{ parameters.items }}"
					    concurrency: 2
					    input: {item: "{{ item }}", position: "{{ index }}", channel: "%s-{{ parameters.notify }}"}
					    on_success: NEXT
					""".formatted(target));
		}
		pieces.add("finish");
		body.append("""
				  - name: finish
				    action: core.noop
				  - name: handle_failure
				    action: bench.cleanup
				    input: {reason: "a task of workflow %d failed", target: "{{ parameters.target }}"}
				output_map:
				  total: "{{ vars.total }}"
				  target: "{{ parameters.target }}"
				""".formatted(n));
		String tasks = body.toString();
		// each piece's NEXT is the piece after it; prepare leads to the first
		yaml.append("    on_success: ").append(pieces.get(0)).append("\n    on_failure: handle_failure\n");
		for (int i = 1; i < pieces.size(); i++) {
			String next = pieces.get(i);
			String previous = pieces.get(i - 1);
			int from = tasks.indexOf("  - name: " + (previous.equals("route") ? "big_batch" : previous) + "\n");
			tasks = replaceFrom(tasks, from, next);
			if (previous.equals("route")) {
				tasks = replaceFrom(tasks, tasks.indexOf("  - name: small_batch\n"), next);
			}
		}
		return yaml.append(tasks).toString();
	}

	/** The first {@code NEXT} at or after {@code from}, replaced by {@code next}. */
	private static String replaceFrom(String text, int from, String next) {
		int at = text.indexOf("NEXT", from);
		return text.substring(0, at) + next + text.substring(at + 4);
	}

}
