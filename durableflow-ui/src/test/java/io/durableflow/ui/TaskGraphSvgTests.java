package io.durableflow.ui;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import io.durableflow.definition.yaml.DefinitionParser;
import io.durableflow.definition.yaml.ParseOptions;
import io.durableflow.definition.yaml.ParsedDefinition;
import io.durableflow.ui.TaskGraphLayout.Box;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The task graph picture: layers, order, groups, edges and marks, drawn from definitions
 * normalized by the real parser (and from hand-made maps the validator would refuse).
 */
class TaskGraphSvgTests {

	private static final DefinitionParser PARSER = new DefinitionParser();

	@Test
	void aDiamondHasItsEntryOnTopBothBranchesBelowAndTheJoinLast() throws Exception {
		Map<String, Object> diamond = definition("""
				tasks:
				  - name: a
				    action: core.noop
				    next:
				      - do: [b, c]
				  - name: b
				    action: core.echo
				    on_success: d
				  - name: c
				    action: core.echo
				    on_failure: d
				  - name: d
				    action: core.noop
				    join: 2
				""");

		TaskGraphLayout layout = TaskGraphLayout.of(TaskGraph.of(diamond));

		assertThat(layout.layerOf).containsExactly(Map.entry("a", 0), Map.entry("b", 1), Map.entry("c", 1),
				Map.entry("d", 2));
		assertThat(box(layout, "a").y()).isLessThan(box(layout, "b").y());
		assertThat(box(layout, "b").y()).isEqualTo(box(layout, "c").y());
		assertThat(box(layout, "b").x()).isLessThan(box(layout, "c").x());
		assertThat(box(layout, "d").y()).isGreaterThan(box(layout, "b").y() + box(layout, "b").height());
		String svg = TaskGraphSvg.render(diamond);
		Document document = xml(svg);
		assertThat(tasks(document)).containsExactly("a", "b", "c", "d");
		assertThat(task(document, "d").getTextContent()).contains("join: 2").contains("core.noop");
		assertThat(edges(document)).containsExactly("a->b always", "a->c always", "b->d succeeded", "c->d failed");
		assertThat(edge(document, "c", "d").getTextContent()).contains("failed");
		assertThat(svg).contains("marker-end=\"url(#tg-arrow-failed)\"").contains("<marker id=\"tg-arrow-failed\"");
	}

	@Test
	void aCycleIsDrawnWithItsBackEdgeWhichLeavesTheLayersAlone() throws Exception {
		Map<String, Object> loop = definition("""
				tasks:
				  - name: start
				    action: core.noop
				    on_success: poll
				  - name: poll
				    action: core.echo
				    on_success: check
				  - name: check
				    action: core.noop
				    decision:
				      - when: "{{ task.check.result.done }}"
				        next: finish
				      - default: poll
				  - name: finish
				    action: core.noop
				""");

		TaskGraphLayout layout = TaskGraphLayout.of(TaskGraph.of(loop));

		assertThat(layout.layerOf).containsExactly(Map.entry("start", 0), Map.entry("poll", 1), Map.entry("check", 2),
				Map.entry("finish", 3));
		assertThat(layout.edges).filteredOn(TaskGraphLayout.Edge::back)
			.extracting((edge) -> edge.from() + "->" + edge.to())
			.containsExactly("check->poll");
		Document document = xml(TaskGraphSvg.render(loop));
		assertThat(edge(document, "check", "poll").getAttribute("class")).isEqualTo("edge edge-otherwise back");
		assertThat(edge(document, "check", "poll").getTextContent()).contains("else");
		assertThat(edge(document, "check", "finish").getTextContent()).contains("task.check.result.done");
	}

	@Test
	void tasksThatOnlyEachOtherTargetAndTasksTargetingThemselvesStillRenderAndEnd() throws Exception {
		Map<String, Object> cycles = Map.of("ref", "tests.cycles", "tasks",
				List.of(task("a", "b"), task("b", "c"), task("c", "a", "c"), task("self", "self")));

		String svg = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> TaskGraphSvg.render(cycles));

		Document document = xml(svg);
		assertThat(tasks(document)).containsExactlyInAnyOrder("a", "b", "c", "self");
		assertThat(edges(document)).containsExactlyInAnyOrder("a->b always", "b->c always", "c->a always",
				"c->c always", "self->self always");
		assertThat(edge(document, "c", "a").getAttribute("class")).endsWith(" back");
		assertThat(edge(document, "self", "self").getAttribute("class")).endsWith(" back");
		assertThat(svg).contains("back-edge");
	}

	@Test
	void barycenterOrderingUncrossesEdgesThatSourceOrderWouldCross() {
		Map<String, Object> crossed = definition("""
				tasks:
				  - {name: a, action: core.noop, on_success: d}
				  - {name: b, action: core.noop, on_success: c}
				  - {name: c, action: core.noop}
				  - {name: d, action: core.noop}
				""");

		TaskGraphLayout layout = TaskGraphLayout.of(TaskGraph.of(crossed));

		assertThat(box(layout, "a").x()).isLessThan(box(layout, "b").x());
		assertThat(box(layout, "d").x()).isLessThan(box(layout, "c").x());
	}

	@Test
	void aParallelTaskIsABoxAroundItsSubTasksAndTheirOwnEdges() throws Exception {
		Map<String, Object> checks = definition("""
				tasks:
				  - name: checks
				    type: parallel
				    tasks:
				      - {name: links, action: docs.broken_links}
				      - {name: typos, action: docs.typo_check, on_success: summary}
				      - {name: summary, action: core.echo}
				    on_success: publish
				    on_timeout: publish
				  - name: publish
				    action: core.noop
				""");

		TaskGraphLayout layout = TaskGraphLayout.of(TaskGraph.of(checks));

		Box group = box(layout, "checks");
		for (String name : List.of("links", "typos", "summary")) {
			Box inner = box(layout, name);
			assertThat(inner.x()).isGreaterThan(group.x());
			assertThat(inner.y()).isGreaterThan(group.y());
			assertThat(inner.x() + inner.width()).isLessThan(group.x() + group.width());
			assertThat(inner.y() + inner.height()).isLessThan(group.y() + group.height());
		}
		assertThat(layout.layerOf).containsEntry("typos", 0).containsEntry("summary", 1).containsEntry("publish", 1);
		assertThat(box(layout, "publish").y()).isGreaterThan(group.y() + group.height());
		String svg = TaskGraphSvg.render(checks);
		Document document = xml(svg);
		assertThat(task(document, "checks").getAttribute("class")).isEqualTo("task parallel");
		assertThat(task(document, "checks").getTextContent()).contains("parallel").contains("3 sub-task(s)");
		assertThat(task(document, "links").getTextContent()).contains("docs.broken_links");
		assertThat(edges(document)).containsExactlyInAnyOrder("typos->summary succeeded", "checks->publish succeeded");
		assertThat(edge(document, "checks", "publish").getTextContent()).contains("timed out");
		assertThat(svg.indexOf("data-task=\"checks\"")).as("the frame is drawn under its sub-tasks")
			.isLessThan(svg.indexOf("data-task=\"links\""));
	}

	@Test
	void workflowTasksWithItemsAndStatusesAreMarked() throws Exception {
		Map<String, Object> definition = definition("""
				tasks:
				  - name: each
				    action: core.echo
				    with_items: "{{ parameters.items }}"
				    on_success: child
				  - name: child
				    type: workflow
				    action: tests.other
				""");

		Document document = xml(
				TaskGraphSvg.render(definition, Map.of("each", "succeeded", "child", "running", "unknown", "failed")));

		assertThat(task(document, "each").getAttribute("class")).isEqualTo("task status-succeeded");
		assertThat(task(document, "each").getAttribute("data-status")).isEqualTo("succeeded");
		assertThat(task(document, "each").getTextContent()).contains("with_items");
		assertThat(task(document, "child").getAttribute("class")).isEqualTo("task status-running");
		assertThat(task(document, "child").getTextContent()).contains("workflow \u2192 tests.other");
	}

	@Test
	void namesConditionsAndStatusesAreEscapedEverywhere() throws Exception {
		String hostile = "<script>alert(\"x\")</script> & 'y'";
		Map<String, Object> definition = Map.of("ref", "tests.<b>", "tasks",
				List.of(Map.of("name", hostile, "type", "action", "action", "core.echo\"><img src=x onerror=alert(1)>",
						"next", List.of(Map.of("when", "{{ a < 3 && b > \"q\" }}", "do", List.of("next\u0001")))),
						Map.of("name", "next\u0001", "type", "action", "action", "core.noop")));

		String svg = TaskGraphSvg.render(definition, Map.of(hostile, "\"><script>x</script>"));

		assertThat(svg).doesNotContain("<script").doesNotContain("<img").doesNotContain("<b>").doesNotContain("\u0001");
		Document document = xml(svg);
		Element task = task(document, hostile);
		assertThat(task.getAttribute("class")).isEqualTo("task status-scriptxscript");
		assertThat(task.getAttribute("data-status")).isEqualTo("\"><script>x</script>");
		assertThat(task.getTextContent()).contains("<script>alert(\"x\")</script> & 'y'");
		assertThat(edge(document, hostile, "next\uFFFD").getTextContent()).contains("a < 3 && b > \"q\"");
	}

	@Test
	void theSameDefinitionAlwaysGivesTheSamePicture() {
		Map<String, Object> definition = definition("""
				tasks:
				  - {name: a, action: core.noop, next: [{do: [b, c, d]}]}
				  - {name: b, action: core.noop, on_success: e, on_failure: f}
				  - {name: c, action: core.noop, on_success: e}
				  - {name: d, action: core.noop, on_success: f}
				  - {name: e, action: core.noop, join: 2}
				  - {name: f, action: core.noop}
				""");
		Map<String, String> statuses = new LinkedHashMap<>(Map.of("a", "succeeded", "b", "failed", "c", "running"));
		Map<String, String> sameStatuses = new TreeMap<>(statuses);

		String svg = TaskGraphSvg.render(definition, statuses);

		assertThat(TaskGraphSvg.render(definition, sameStatuses)).isEqualTo(svg);
		assertThat(TaskGraphSvg.render(reordered(definition), statuses)).isEqualTo(svg);
		assertThat(TaskGraphSvg.render(JsonMapper.shared().writeValueAsString(definition), statuses)).isEqualTo(svg);
	}

	@Test
	void hundredsOfTasksRenderQuicklyAndBeyondTheLimitTheRestIsCounted() throws Exception {
		List<Map<String, Object>> many = new ArrayList<>();
		for (int i = 0; i < 1100; i++) {
			List<Object> next = new ArrayList<>();
			if (i + 1 < 1100) {
				next.add(Map.of("when", "{{ succeeded() }}", "do", List.of("t" + (i + 1))));
			}
			if (i % 10 == 0 && i + 37 < 1100) {
				next.add(Map.of("when", "{{ failed() }}", "do", List.of("t" + (i + 37))));
			}
			many.add(Map.of("name", "t" + i, "type", "action", "action", "core.noop", "next", next));
		}
		Map<String, Object> huge = Map.of("ref", "tests.huge", "tasks", many);

		String svg = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> TaskGraphSvg.render(huge));

		assertThat(count(svg, "<g class=\"task\"")).isEqualTo(TaskGraph.MAX_TASKS);
		assertThat(svg).contains("100 more task(s) not drawn");
		assertThat(svg.length()).isLessThan(3_000_000);
		xml(svg);
	}

	@Test
	void aFanOutOfHundredsOfTasksIntoOneJoinRendersQuickly() throws Exception {
		List<Map<String, Object>> wide = new ArrayList<>();
		List<String> branches = new ArrayList<>();
		for (int i = 0; i < 900; i++) {
			branches.add("b" + i);
			wide.add(task("b" + i, "sink"));
		}
		wide.add(0, task("hub", branches.toArray(String[]::new)));
		wide.add(Map.of("name", "sink", "type", "action", "action", "core.noop", "join", 900));

		String svg = assertTimeoutPreemptively(Duration.ofSeconds(10),
				() -> TaskGraphSvg.render(Map.of("ref", "tests.wide", "tasks", wide)));

		Document document = xml(svg);
		assertThat(tasks(document)).hasSize(902);
		assertThat(edges(document)).hasSize(1800);
		assertThat(task(document, "sink").getTextContent()).contains("join: 900");
	}

	@Test
	void jsonThatIsNotAnObjectIsRefusedWithAClearMessage() {
		assertThatIllegalArgumentException().isThrownBy(() -> TaskGraphSvg.render("[1, 2", Map.of()))
			.withMessageStartingWith("A task graph is drawn from a definition's JSON object");
	}

	@Test
	void aDefinitionWithoutTasksSaysSo() {
		assertThat(TaskGraphSvg.render(Map.of("ref", "tests.empty"))).contains("No tasks");
	}

	private static Map<String, Object> definition(String tasks) {
		ParsedDefinition parsed = PARSER.parse("graph.yaml", "ref: tests.graph\nversion: \"1\"\n" + tasks,
				ParseOptions.standalone());
		assertThat(parsed.errors()).isEmpty();
		return JsonMapper.shared().convertValue(parsed.model().toJson(), new TypeReference<Map<String, Object>>() {
		});
	}

	private static Map<String, Object> task(String name, String... targets) {
		return Map.of("name", name, "type", "action", "action", "core.noop", "next",
				List.of(Map.of("do", List.of(targets))));
	}

	/** The same definition with every map's keys in reverse order. */
	@SuppressWarnings("unchecked")
	private static <T> T reordered(T value) {
		if (value instanceof Map<?, ?> map) {
			List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
			Map<Object, Object> reversed = new LinkedHashMap<>();
			for (int i = entries.size() - 1; i >= 0; i--) {
				reversed.put(entries.get(i).getKey(), reordered(entries.get(i).getValue()));
			}
			return (T) reversed;
		}
		if (value instanceof List<?> list) {
			return (T) list.stream().map(TaskGraphSvgTests::reordered).toList();
		}
		return value;
	}

	private static Box box(TaskGraphLayout layout, String name) {
		return layout.boxes.stream().filter((box) -> box.task().name().equals(name)).findFirst().orElseThrow();
	}

	private static Document xml(String svg) throws Exception {
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setNamespaceAware(true);
		return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
	}

	private static List<String> tasks(Document document) {
		List<String> names = new ArrayList<>();
		for (Element group : groups(document, "task")) {
			names.add(group.getAttribute("data-task"));
		}
		return names;
	}

	private static Element task(Document document, String name) {
		return groups(document, "task").stream()
			.filter((group) -> group.getAttribute("data-task").equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No task " + name));
	}

	/** Each edge as {@code from->to kind}. */
	private static List<String> edges(Document document) {
		List<String> edges = new ArrayList<>();
		for (Element group : groups(document, "edge")) {
			if (group.hasAttribute("data-from")) {
				edges.add(group.getAttribute("data-from") + "->" + group.getAttribute("data-to") + " "
						+ group.getAttribute("class").split(" ")[1].substring("edge-".length()));
			}
		}
		return edges;
	}

	private static Element edge(Document document, String from, String to) {
		return groups(document, "edge").stream()
			.filter((group) -> group.getAttribute("data-from").equals(from) && group.getAttribute("data-to").equals(to))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No edge " + from + " -> " + to));
	}

	private static List<Element> groups(Document document, String cssClass) {
		List<Element> groups = new ArrayList<>();
		NodeList all = document.getElementsByTagNameNS("http://www.w3.org/2000/svg", "g");
		for (int i = 0; i < all.getLength(); i++) {
			Element group = (Element) all.item(i);
			if (List.of(group.getAttribute("class").split(" ")).contains(cssClass)) {
				groups.add(group);
			}
		}
		return groups;
	}

	private static int count(String text, String part) {
		Matcher matcher = Pattern.compile(Pattern.quote(part)).matcher(text);
		int count = 0;
		while (matcher.find()) {
			count++;
		}
		return count;
	}

}
