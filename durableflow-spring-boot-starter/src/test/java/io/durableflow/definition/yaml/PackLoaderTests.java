package io.durableflow.definition.yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * Packs in folders: both layouts, refs from paths, pack config, one bad file among good
 * ones.
 */
class PackLoaderTests {

	private static final String GOOD = """
			version: "1.0"
			tasks:
			  - name: a
			    action: core.echo
			    input: {registry: "{{ pack.config.registry }}"}
			""";

	@TempDir
	Path packs;

	@Test
	void aPackWithGoodAndBadFilesLoadsTheGoodOnesAndReportsEachBadOneWithItsProblems() throws IOException {
		write("shop/workflows/order.yaml", GOOD);
		write("shop/actions/workflows/refund.workflow.yaml", GOOD);
		write("shop/workflows/broken.yaml", "version: \"1.0\"\ntasks:\n  - name: a\n   action: x\n");
		write("shop/workflows/renamed.yml", "ref: shop.old_name\n" + GOOD);
		write("shop/workflows/empty.yaml", "");
		write("shop/config.yaml", "registry: registry.example.com\n");
		write("shop/workflows/notes.txt", "not a definition");
		PackLoadResult result = loader(DefinitionsSettings.defaults()).load();
		assertThat(result.definitions())
			.extracting(ParsedDefinition::file, ParsedDefinition::ref, ParsedDefinition::isValid)
			.containsExactly(tuple("shop/actions/workflows/refund.workflow.yaml", "shop.refund", true),
					tuple("shop/workflows/broken.yaml", "shop.broken", false),
					tuple("shop/workflows/empty.yaml", "shop.empty", false),
					tuple("shop/workflows/order.yaml", "shop.order", true),
					tuple("shop/workflows/renamed.yml", "shop.renamed", false));
		assertThat(result.valid()).extracting((definition) -> definition.model().ref())
			.containsExactly("shop.refund", "shop.order");
		assertThat(result.definitions().get(1).problems()).singleElement()
			.satisfies((problem) -> assertThat(problem.toString())
				.startsWith("shop/workflows/broken.yaml:4:4: " + "error: Not valid YAML: "));
		assertThat(result.definitions().get(4).errors()).extracting(DefinitionProblem::toString)
			.containsExactly("shop/workflows/renamed.yml:1:6: error: ref: ref 'shop.old_name' does not agree with "
					+ "'shop.renamed', the ref its pack and file name give it: make them agree, or remove 'ref'");
		assertThat(result.problems()).isEmpty();
	}

	@Test
	void aPacksConfigYamlAndTheOverridesOfTheSettingsAreWhatPackConfigTemplatesAreCheckedAgainst() throws IOException {
		write("shop/workflows/order.yaml", GOOD.replace("}\"}", "}\", url: \"{{ pack.config.url }}\"}"));
		write("shop/config.yaml", "registry: registry.example.com\nlimits: {orders: 5, refunds: 1}\n");
		PackLoadResult plain = loader(DefinitionsSettings.defaults()).load();
		assertThat(plain.allProblems()).extracting(DefinitionProblem::message)
			.containsExactly("pack.config.url is not configured by pack 'shop' (its config.yaml, or "
					+ "durableflow.definitions.packs.shop.config.url) (template '{{ pack.config.url }}')");
		PackLoadResult overridden = loader(DefinitionsSettings.defaults()
			.withPackConfig("shop", Map.of("url", "https://shop.example.com", "limits", Map.of("refunds", 2)))).load();
		assertThat(overridden.allProblems()).isEmpty();
		assertThat(overridden.packConfigs().get("shop")).hasToString("{\"registry\":\"registry.example.com\","
				+ "\"limits\":{\"orders\":5,\"refunds\":2},\"url\":\"https://shop.example.com\"}");
	}

	@Test
	void aBadConfigYamlIsAProblemOfThePackAndItsDefinitionsStillLoad() throws IOException {
		write("shop/workflows/order.yaml", GOOD.replace("registry", "r").replace("pack.config.r", "parameters.r"));
		write("shop/config.yaml", "registry: [unclosed\n");
		PackLoadResult result = loader(DefinitionsSettings.defaults()).load();
		assertThat(result.problems()).singleElement()
			.satisfies((problem) -> assertThat(problem.toString())
				.startsWith("shop/config.yaml:2:1: error: Not " + "valid YAML"));
		assertThat(result.valid()).hasSize(1);
	}

	@Test
	void aFileOverTheSizeLimitIsRefusedNamingFileAndLimitWhileTheOthersLoad() throws IOException {
		write("shop/workflows/order.yaml", GOOD.replace("pack.config.registry", "parameters.registry"));
		write("shop/workflows/huge.yaml", GOOD + "#".repeat(300) + "\n");
		PackLoadResult result = loader(DefinitionsSettings.defaults().withMaxFileSize(DataSize.ofBytes(200))).load();
		assertThat(result.valid()).extracting(ParsedDefinition::ref).containsExactly("shop.order");
		assertThat(result.definitions().get(0).problems()).extracting(DefinitionProblem::toString)
			.containsExactly("shop/workflows/huge.yaml:1:1: error: The file is 409 bytes, over the limit of 200 bytes "
					+ "(durableflow.definitions.max-file-size): split it, or raise the limit");
	}

	@Test
	void twoFilesWithOneRefAreAnErrorOnTheSecondNamingTheFirst() throws IOException {
		write("shop/workflows/order.yaml", GOOD);
		write("shop/actions/workflows/order.workflow.yaml", GOOD);
		PackLoadResult result = loader(DefinitionsSettings.defaults()).load();
		assertThat(result.valid()).extracting(ParsedDefinition::file)
			.containsExactly("shop/actions/workflows/order.workflow.yaml");
		assertThat(result.definitions().get(1).errors()).extracting(DefinitionProblem::message)
			.containsExactly("ref 'shop.order' is defined twice: shop/actions/workflows/order.workflow.yaml has it "
					+ "too; rename one of the files");
	}

	@Test
	void failOnErrorThrowsListingEveryErrorAndOtherwiseTheLoadGoesOn() throws IOException {
		write("shop/workflows/order.yaml", GOOD);
		write("shop/workflows/broken.yaml", "version: \"1.0\"\ntasks: []\n");
		assertThat(loader(DefinitionsSettings.defaults()).load().valid()).hasSize(1);
		assertThatExceptionOfType(InvalidDefinitionsException.class)
			.isThrownBy(() -> loader(DefinitionsSettings.defaults().withFailOnError(true)).load())
			.withMessage("Workflow definitions have errors (durableflow.definitions.fail-on-error=true):\n"
					+ "  shop/workflows/broken.yaml:2:8: error: tasks: A definition needs at least one task in 'tasks'")
			.satisfies((ex) -> assertThat(ex.result().valid()).hasSize(1));
	}

	@Test
	void loadingOnePackReadsOnlyThatPack() throws IOException {
		write("shop/workflows/order.yaml", GOOD);
		write("billing/workflows/invoice.yaml", GOOD);
		assertThat(loader(DefinitionsSettings.defaults()).loadPack("billing", ParseOptions.standalone()).definitions())
			.extracting(ParsedDefinition::ref)
			.containsExactly("billing.invoice");
	}

	@Test
	void knownActionsAreCheckedInEveryFile() throws IOException {
		write("shop/workflows/order.yaml", GOOD.replace("core.echo", "shop.place_order"));
		PackLoadResult result = loader(DefinitionsSettings.defaults())
			.load(ParseOptions.standalone().withKnownActions(Parsing.BUILT_IN_ACTIONS));
		assertThat(result.allProblems()).extracting(DefinitionProblem::message)
			.contains("Action 'shop.place_order' is not defined (yet): declare a @DurableAction bean of that name");
	}

	@Test
	void packsOnTheClasspathAreFoundThroughClasspathStar() {
		PackLoadResult result = new PackLoader(DefinitionsSettings.defaults().withLocations("classpath*:yaml-packs/"))
			.load();
		assertThat(result.allProblems()).isEmpty();
		assertThat(result.valid()).singleElement().satisfies((definition) -> {
			assertThat(definition.file()).isEqualTo("demo/workflows/hello.yaml");
			assertThat(definition.model().ref()).isEqualTo("demo.hello");
			assertThat(definition.model().label()).isEqualTo("Hello");
		});
		assertThat(result.packConfigs().get("demo")).hasToString("{\"greeting\":\"Hello\"}");
	}

	@Test
	void aLocationThatDoesNotExistHasNoPacks() {
		assertThat(
				new PackLoader(DefinitionsSettings.defaults().withLocations("file:" + this.packs + "/nothing/")).load()
					.definitions())
			.isEmpty();
	}

	private PackLoader loader(DefinitionsSettings settings) {
		return new PackLoader(settings.withLocations("file:" + this.packs + "/"));
	}

	private void write(String path, String content) throws IOException {
		Path file = this.packs.resolve(path);
		Files.createDirectories(file.getParent());
		Files.writeString(file, content);
	}

}
